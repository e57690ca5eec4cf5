package io.imgsh.shell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.shell.TestImages;
import io.imgsh.shell.progress.LargeTarball;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prompt in a real terminal: the built launcher ({@code scripts/imgsh}) in tmux, typed at like a person and read
 * back from the screen. Completes a command, a file and an alias with Tab, runs commands, survives Ctrl-C at the
 * prompt, recalls history with Up, and exits. (The full-screen views have their own {@code ViewsIT}.)
 */
class PromptIT {
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROMPT = "imgsh local> ";

    @TempDir
    Path tmp;

    private Path root;
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        root = Path.of(System.getProperty("imgsh.root", "..")).toAbsolutePath().normalize();
        Path user = Files.createDirectories(tmp.resolve("user"));
        env = Map.of("HOME", user.toString(), "XDG_STATE_HOME", user.resolve("state").toString(),
                "XDG_CONFIG_HOME", user.resolve("config").toString(), "LANG", "C.UTF-8", "NO_COLOR", "1");
    }

    /** The line the cursor is on: the last line of the screen that is not blank. */
    private static String lastLine(String screen) {
        List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static int prompts(String screen) {
        return (int) screen.lines().filter(l -> l.startsWith(PROMPT.strip())).count();
    }

    private static boolean promptShows(String screen, String typed) {
        return lastLine(screen).equals(PROMPT + typed) || lastLine(screen).equals((PROMPT + typed).stripTrailing());
    }

    @Test
    void completionHistoryCtrlCAndExitInARealTerminal() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work"));
        new TestImages(work).unified("webserver.tar.xz", TestImages.metadata("Web server", "2.0"), Compression.XZ);

        try (Tmux t = Tmux.start("imgsh-prompt", work, env, root.resolve("scripts/imgsh").toString(),
                "--home", tmp.resolve("home").toString())) {
            t.awaitScreen(s -> promptShows(s, ""), START);

            // a command word: "ima" + Tab is "image "
            t.type("ima");
            t.send("Tab");
            t.awaitScreen(s -> lastLine(s).equals(PROMPT + "image"), WAIT);
            // a subcommand and a file name
            t.type("imp");
            t.send("Tab");
            t.awaitScreen(s -> lastLine(s).equals(PROMPT + "image import"), WAIT);
            t.type("webs");
            t.send("Tab");
            t.awaitScreen(s -> lastLine(s).equals(PROMPT + "image import webserver.tar.xz"), WAIT);
            t.type("--alias web-prod");
            t.send("Enter");
            t.awaitText("Image imported with fingerprint: ", WAIT);
            t.awaitScreen(s -> promptShows(s, ""), WAIT);

            // an alias from the store: "image info web" + Tab is "image info web-prod "
            t.type("image info web");
            t.send("Tab");
            t.awaitScreen(s -> lastLine(s).equals(PROMPT + "image info web-prod"), WAIT);
            t.send("Enter");
            String info = t.awaitText("Fingerprint: ", WAIT);
            t.awaitScreen(s -> s.contains("description: Web server") && promptShows(s, ""), WAIT);

            // Ctrl-C drops the line being typed and at an empty prompt does nothing; the shell stays
            // (each Ctrl-C starts a new prompt line; a signal is handled asynchronously, so wait for that line)
            t.type("image li");
            t.awaitScreen(s -> lastLine(s).equals(PROMPT + "image li"), WAIT);
            int prompts = prompts(t.screen());
            t.send("C-c");
            t.awaitScreen(s -> prompts(s) == prompts + 1 && promptShows(s, ""), WAIT);
            t.send("C-c");
            t.awaitScreen(s -> prompts(s) == prompts + 2 && promptShows(s, ""), WAIT);
            assertThat(t.exited()).isFalse();

            // an error is one line, and the prompt goes on
            t.type("image info nosuch");
            t.send("Enter");
            t.awaitScreen(s -> s.contains("Error: Image not found\n" + PROMPT.strip()), WAIT);

            // Up recalls the previous lines, newest first
            t.send("Up");
            t.awaitScreen(s -> lastLine(s).equals(PROMPT + "image info nosuch"), WAIT);
            t.send("Up");
            t.awaitScreen(s -> lastLine(s).equals(PROMPT + "image info web-prod"), WAIT);
            t.send("Enter");
            t.awaitScreen(s -> {
                int recalled = s.lastIndexOf(PROMPT + "image info web-prod");
                return recalled >= 0 && s.indexOf("Fingerprint: ", recalled) > 0 && promptShows(s, "");
            }, WAIT);
            assertThat(info).contains("Aliases:", "web-prod");

            t.type("exit");
            t.send("Enter");
            t.awaitScreen(s -> t.exited(), WAIT);
        }
        List<String> history = Files.readAllLines(tmp.resolve("user/state/imgsh/history")).stream()
                .map(l -> l.replaceFirst("^\\d+:", "")).toList();
        assertThat(history).contains("image import webserver.tar.xz --alias web-prod", "image info web-prod",
                "image info nosuch", "exit");
    }

    @Test
    void withTermDumbThePromptWritesNoEscapeSequencesAndCtrlCStillStopsAnImport() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path raw = tmp.resolve("raw.log");
        // tmux sets TERM for its panes, so the launcher is started through env to make it dumb
        try (Tmux t = Tmux.start("imgsh-dumb", work, env, "env", "TERM=dumb", root.resolve("scripts/imgsh").toString(),
                "--home", tmp.resolve("home").toString())) {
            t.record(raw);
            t.awaitScreen(s -> promptShows(s, ""), START);
            t.type("image info nosuch");
            t.send("Enter");
            t.awaitScreen(s -> s.contains("Error: Image not found\n" + PROMPT.strip()), WAIT);
            // a dumb terminal edits in the tty: Backspace works without the line being redrawn
            t.type("help confix");
            t.send("BSpace");
            t.type("g");
            t.send("Enter");
            t.awaitScreen(s -> s.contains("Usage: config [-h] [COMMAND]") && promptShows(s, ""), WAIT);
            t.type("image li");
            t.send("C-c");
            t.awaitScreen(s -> lastLine(s).equals(PROMPT.strip()) && s.contains("image li^C"), WAIT);

            // Ctrl-C (here a SIGINT, the tty being left as it is) stops an import that is under way
            LargeTarball.fifo(work.resolve("endless.tar"), 64L << 30);
            t.type("image import endless.tar");
            t.send("Enter");
            Path tmpDir = tmp.resolve("home/tmp");
            t.awaitScreen(s -> LargeTarball.largestFile(tmpDir) > (16L << 20), WAIT);
            t.send("C-c");
            t.awaitScreen(s -> s.contains("Error: interrupted\n" + PROMPT.strip()), WAIT);
            try (Stream<Path> left = Files.list(tmpDir)) {
                assertThat(left).isEmpty();
            }
            t.type("exit");
            t.send("Enter");
            t.awaitScreen(s -> t.exited(), WAIT);
        }
        String written = Files.readString(raw);
        assertThat(written).contains("Error: Image not found", "Usage: config").doesNotContain("\u001b");
    }

    @Test
    void withItsOutputRedirectedThePromptLeavesNoCopyOfJLinesNativeLibrary() throws IOException {
        // JLine loads its native library for a terminal whose streams are not all terminals; the launcher points it
        // at the one unpacked at build time, as the JVM halts at the end without deleting temporary copies
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
        Map<String, String> redirected = new HashMap<>(env);
        redirected.put("IMGSH_JAVA_OPTS", "-Djava.io.tmpdir=" + javaTmp);
        Path nativeDir = root.resolve("shell/target/native/org/jline/nativ");
        try (Tmux t = Tmux.start("imgsh-redirected", work, redirected, "sh", "-c",
                "\"$0\" --home \"$1\" > out; echo $? > status", root.resolve("scripts/imgsh").toString(),
                tmp.resolve("home").toString())) {
            long shell = t.pid();
            t.awaitScreen(s -> jvmMappings(shell).contains("libjlinenative.so"), START);
            assertThat(jvmMappings(shell)).contains(nativeDir.resolve("Linux").toString())
                    .doesNotContain("jlinenative-");
            t.type("exit");
            t.send("Enter");
            t.awaitScreen(s -> t.exited(), WAIT);
        }
        assertThat(work.resolve("status")).hasContent("0");
        for (Path dir : List.of(javaTmp, nativeDir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).as("%s", dir)
                        .noneMatch(name -> name.startsWith("jlinenative-"));
            }
        }
    }

    /**
     * The files that the JVM under {@code shell} has mapped, as /proc/PID/maps lists them: the launcher is exec'd
     * into java, so the shell's child is the JVM. Empty before it starts and once it has ended.
     */
    private static String jvmMappings(long shell) {
        Optional<ProcessHandle> jvm = ProcessHandle.of(shell).flatMap(p -> p.children().findFirst());
        try {
            return jvm.isEmpty() ? "" : Files.readString(Path.of("/proc", String.valueOf(jvm.get().pid()), "maps"));
        } catch (IOException e) {
            return "";
        }
    }
}
