package io.imgsh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.Engine;
import io.imgsh.engine.format.Compression;
import io.imgsh.shell.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompt driven headless: a dumb terminal, typed keys, one transcript of what the user sees. */
class PromptTest {
    private static final String PROMPT = "imgsh local> ";
    /** Ctrl-P: the previous history line (what Up does on a terminal that has arrow keys). */
    private static final String PREVIOUS = "\u0010";
    private static final String CTRL_C = "\u0003";
    /** A terminal type with JLine's editing keys (a dumb one sends whole lines and binds none). */
    private static final String EDITING = "ansi";

    @TempDir
    Path dir;

    private HeadlessPrompt prompt;

    @AfterEach
    void close() throws IOException {
        if (prompt != null) {
            prompt.close();
        }
    }

    private HeadlessPrompt start() {
        prompt = new HeadlessPrompt(dir).start(false);
        return prompt;
    }

    private static int count(String text, String of) {
        int n = 0;
        for (int i = text.indexOf(of); i >= 0; i = text.indexOf(of, i + 1)) {
            n++;
        }
        return n;
    }

    private List<String> historyLines() throws IOException {
        return Files.readAllLines(dir.resolve("state/imgsh/history")).stream()
                .map(l -> l.replaceFirst("^\\d+:", "")).toList();
    }

    @Test
    void helpListsTheCommandsAndHelpCommandPrintsItsUsage() {
        String out = start().run("help\nhelp image list\nexit\n");
        assertThat(out).startsWith(PROMPT);
        assertThat(out).contains("Commands:\n", "  image ", "  config ", "  help ", "Type help <command>");
        assertThat(out).contains("Usage: image list [-h] [-c=COLUMNS] [-f=FORMAT] [[remote:][FILTER]...]",
                "List images; filters are ANDed", "-c, --columns=COLUMNS");
        assertThat(out).doesNotContain("Usage:  ");
    }

    @Test
    void helpForAnUnknownCommandIsAnErrorLine() {
        String out = start().run("help nosuch\n");
        assertThat(out).contains("Error: Unknown command \"nosuch\"; type help for the list of commands\n" + PROMPT);
    }

    @Test
    void anErrorIsOneLineAndThePromptGoesOn() {
        String out = start().run("image info nope\nbogus\nimage info 'unclosed\nimage list --format csv\nexit\n");
        assertThat(out).contains("Error: Image not found\n" + PROMPT);
        assertThat(out).contains("Error: Unknown command \"bogus\"\nType help for the list of commands\n" + PROMPT);
        assertThat(out).contains("Error: syntax error: missing closing quote\n" + PROMPT);
        assertThat(count(out, "Error: ")).isEqualTo(3);
        assertThat(count(out, PROMPT)).isEqualTo(5);
    }

    @Test
    void commandsRunAgainstTheSessionsStore() {
        Path image = new TestImages(dir.resolve("files")).unified("web.tar.xz", Compression.XZ);
        String out = start().run("image import " + image + " --alias web\nimage list -c l,d --format csv\n"
                + "image get-property web os\n");
        assertThat(out).contains("Image imported with fingerprint: ", "web,ImgshTest 1.0 unified\n", "imgshtest\n");
    }

    @Test
    void ctrlCAtTheEditorsRetryQuestionAbortsAtOnce() throws IOException {
        Path image = new TestImages(dir.resolve("files")).unified("web.tar.xz", Compression.XZ);
        Path count = dir.resolve("count");
        Path editor = dir.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\necho run >> '" + count + "'\nprintf 'public: [\\n' > \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        prompt = new HeadlessPrompt(dir);
        prompt.env.put("EDITOR", editor.toString());
        prompt.start(false);
        prompt.type("image import " + image + " --alias web\nimage edit web\n");
        String question = "Press enter to open the editor again or ctrl+c to abort change";
        prompt.await(question, Duration.ofSeconds(60));
        // the question waits on the prompt's terminal: Enter there opens the editor again
        prompt.type("\n");
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count(prompt.transcript(), question) < 2) {
            assertThat(System.nanoTime()).as("the question never came again:\n%s", prompt.transcript())
                    .isLessThan(giveUp);
            HeadlessPrompt.sleep(10);
        }
        prompt.type(CTRL_C);
        prompt.await("Error: Edit aborted: yaml: ", Duration.ofSeconds(60));
        String out = prompt.run("image get-property web os\n");
        assertThat(out).contains("imgshtest\n");
        assertThat(Files.readAllLines(count)).as("opened twice, not after Ctrl-C").hasSize(2);
    }

    @Test
    void exitQuitAndCtrlDLeave() {
        assertThat(start().run("exit\nhelp\n")).doesNotContain("Commands:");
        prompt = new HeadlessPrompt(dir.resolve("2")).start(false);
        assertThat(prompt.run("quit\nhelp\n")).doesNotContain("Commands:");
        prompt = new HeadlessPrompt(dir.resolve("3")).start(false);
        assertThat(prompt.run("").strip()).isEqualTo(PROMPT.strip());
    }

    @Test
    void exitWithAStatusLeavesWithIt() {
        HeadlessPrompt p = start();
        p.type("exit 7\nhelp\n");
        assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(7);
        assertThat(p.transcript()).doesNotContain("Commands:");
    }

    @Test
    void clearClearsTheScreenAndATrailingCommentIsNotAnArgument() {
        prompt = new HeadlessPrompt(dir).start(false, EDITING);
        String out = prompt.run("clear\nimage list -c l # not a filter\n");
        assertThat(out).contains("\u001b[H\u001b[J").doesNotContain("Error");
    }

    @Test
    void ctrlCAtThePromptDropsTheLineAndDoesNotExit() {
        String out = start().run(CTRL_C + "image li" + CTRL_C + "help\n");
        assertThat(out).contains("Commands:").doesNotContain("Error");
        assertThat(count(out, PROMPT)).isEqualTo(4);
    }

    @Test
    void commentsAndBlankLinesAreSkipped() {
        String out = start().run("# a comment\n\n   \nexit\n");
        assertThat(out).doesNotContain("Error");
    }

    @Test
    void historyIsWrittenWithSecretsCutOutAndRecalledInTheNextSession() throws IOException {
        prompt = new HeadlessPrompt(dir).start(false, EDITING);
        String out = prompt.run("image info nope\n"
                + "image info web --password hunter2 --public\n"
                + "image info web --password=s3cret\n"
                + PREVIOUS + PREVIOUS + PREVIOUS + "\n");
        // the third line recalled is the first one, run again
        assertThat(count(out, "Error: Image not found")).isEqualTo(2);
        assertThat(historyLines()).containsExactly("image info nope", "image info web --password",
                "image info web --password=", "image info nope");
        String file = Files.readString(dir.resolve("state/imgsh/history"));
        assertThat(file).doesNotContain("hunter2").doesNotContain("s3cret").doesNotContain("--public");
        assertThat(Files.getPosixFilePermissions(dir.resolve("state/imgsh/history")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        prompt.close();
        prompt = new HeadlessPrompt(dir).start(false, EDITING);
        String next = prompt.run(PREVIOUS + PREVIOUS + PREVIOUS + PREVIOUS + "\n");
        assertThat(next).contains("Error: Image not found");
    }

    @Test
    void historyFileLocation() {
        assertThat(History.file(Map.of("XDG_STATE_HOME", "/x/state", "HOME", "/u")))
                .isEqualTo(Path.of("/x/state/imgsh/history"));
        assertThat(History.file(Map.of("HOME", "/u"))).isEqualTo(Path.of("/u/.local/state/imgsh/history"));
        assertThat(History.file(Map.of("XDG_STATE_HOME", "relative", "HOME", "/u")))
                .isEqualTo(Path.of("/u/.local/state/imgsh/history"));
    }

    @Test
    void secretsAreCutFromTheLine() {
        assertThat(History.redact("remote add r https://h --password p --public")).isEqualTo(
                "remote add r https://h --password");
        assertThat(History.redact("remote add r https://h --password=p"))
                .isEqualTo("remote add r https://h --password=");
        assertThat(History.redact("remote add r https://h '--password=p q'")).isEqualTo(
                "remote add r https://h '--password=");
        assertThat(History.redact("image list --passwords-are-not-this")).isEqualTo(
                "image list --passwords-are-not-this");
        assertThat(History.redact("image list")).isEqualTo("image list");
        assertThat(History.redact("config set core.trust_password s3cret")).isEqualTo(
                "config set core.trust_password");
        assertThat(History.redact("config  set 'core.trust_password' 's3 cret'")).isEqualTo(
                "config  set 'core.trust_password'");
        assertThat(History.redact("config set core.https_address :8443")).isEqualTo(
                "config set core.https_address :8443");
        assertThat(History.redact("config get core.trust_password")).isEqualTo("config get core.trust_password");
    }

    @Test
    void tabCompletesTheWordAndListsTheCandidates() {
        prompt = new HeadlessPrompt(dir).start(false, EDITING);
        String out = prompt.run("ima\t\n" + "image al\t\t" + CTRL_C + "help image\t\t\n");
        // "ima" + Tab became "image ": run alone, it asks for a subcommand
        assertThat(out).contains("Error: Missing subcommand for 'image': one of ");
        // "image al" + Tab became "image alias "; a second Tab lists its subcommands with their descriptions
        assertThat(out).contains("create", "rename", "Rename an alias");
        assertThat(out).contains("Usage: image [-h] [COMMAND]");
    }

    @Test
    void aDumbTerminalGetsNoEscapeSequences() {
        prompt = new HeadlessPrompt(dir).start(true);
        String out = prompt.run("image info nope\nhelp\nhelp image list\nbogus\nimage list\n");
        assertThat(out).contains("Commands:", "Usage: image list", "Error: Unknown command \"bogus\"");
        // colour is on for this session, but a dumb terminal gets none, nor any other escape sequence
        assertThat(out).contains("Error: Image not found").doesNotContain("\u001b");
    }

    @Test
    void anOverduePolicyRunStartsInTheBackground() throws InterruptedException {
        start().type("config get images.remote_cache_expiry\n");
        prompt.await("10\n", Duration.ofSeconds(30));
        // watched while the prompt still runs: leaving would stop a run that had not finished
        try (Engine engine = Engine.open(prompt.home(), java.time.Clock.systemUTC())) {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (engine.policy().overdue() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(engine.policy().overdue()).as("a run was recorded").isFalse();
        }
        prompt.run("exit\n");
    }
}
