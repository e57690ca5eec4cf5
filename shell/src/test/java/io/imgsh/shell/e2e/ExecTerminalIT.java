package io.imgsh.shell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.engine.instance.HostTar;
import io.imgsh.engine.instance.Root;
import io.imgsh.store.E2e;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exec} from a terminal gives the command a terminal (run under util-linux's {@code script}, which gives imgsh
 * a pseudo-terminal), and streams plain pipes otherwise; both pass the exit status on. The instance browser's
 * {@code x} (in tmux) runs a shell in the instance on the same terminal and comes back to the list with its status.
 */
class ExecTerminalIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private record Run(int status, String out) {
    }

    @AfterEach
    void deleteInstance() throws Exception {
        if (Files.exists(tmp.resolve("store/instances/c1"))) {
            imgsh(false, "delete", "--force", "c1");
        }
    }

    @Test
    void aTerminalWhenImgshHasOneElsePipesAndBrowsesShellOnIt() throws Exception {
        Root.requireLxc();
        E2e.requireTools("script");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        Path image = Files.write(tmp.resolve("bb.tar.gz"), HostTar.busyboxImage(HostTar.BUSYBOX_METADATA,
                "hostname.tpl", "{{ instance.name }}\n").build(Compression.GZIP));
        assertThat(imgsh(false, "image", "import", image.toString(), "--alias", "bb").status()).isZero();
        assertThat(imgsh(false, "launch", "bb", "c1").status()).isZero();

        Run onTerminal = imgsh(true, "exec", "c1", "--", "sh", "-c", "tty; exit 4");
        assertThat(onTerminal.out()).contains("/dev/pts/");
        assertThat(onTerminal.status()).isEqualTo(4);
        Run piped = imgsh(false, "exec", "c1", "--", "sh", "-c", "tty; exit 5");
        assertThat(piped.out()).isEqualTo("not a tty\n");
        assertThat(piped.status()).isEqualTo(5);

        // the browser's x: a shell in the instance on the terminal itself, then the list again with its status
        try (Tmux tmux = Tmux.start("imgsh-browse-x", tmp, Map.of("LANG", "C.UTF-8", "NO_COLOR", "1"),
                command("browse").toArray(String[]::new))) {
            tmux.awaitScreen(s -> s.contains("> c1") && s.contains("RUNNING"), WAIT);
            tmux.type("x");
            tmux.awaitText("/ #", WAIT); // busybox's prompt: the view is closed and the shell has the terminal
            tmux.type("echo inside-$(hostname) > /root/mark; exit 3");
            tmux.send("Enter");
            String screen = tmux.awaitText("Shell in c1 exited with status 3", WAIT);
            assertThat(screen).contains("> c1");
            tmux.type("q");
            tmux.awaitScreen(s -> tmux.exited(), WAIT);
        }
        Run mark = imgsh(false, "exec", "c1", "--", "cat", "/root/mark");
        assertThat(mark.out()).isEqualTo("inside-c1\n");
    }

    /** Runs imgsh on the test's store, under {@code script} (a terminal) when {@code terminal}. */
    private Run imgsh(boolean terminal, String... args) throws IOException, InterruptedException {
        List<String> command = command(args);
        if (terminal) {
            command = List.of("script", "-qec", String.join(" ", command.stream().map(ExecTerminalIT::quoted)
                    .toList()), "/dev/null");
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out);
    }

    /** imgsh on the test's store, in a JVM like this one. */
    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "io.imgsh.shell.Imgsh", "--home",
                tmp.resolve("store").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
