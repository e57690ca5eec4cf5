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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exec} from a terminal gives the command a terminal (run under util-linux's {@code script}, which gives imgsh
 * a pseudo-terminal), and streams plain pipes otherwise; both pass the exit status on.
 */
class ExecTerminalIT {
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
    void aTerminalWhenImgshHasOneElsePipes() throws Exception {
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
    }

    /** Runs imgsh on the test's store, under {@code script} (a terminal) when {@code terminal}. */
    private Run imgsh(boolean terminal, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "io.imgsh.shell.Imgsh", "--home",
                tmp.resolve("store").toString()));
        command.addAll(List.of(args));
        if (terminal) {
            command = List.of("script", "-qec", String.join(" ", command.stream().map(ExecTerminalIT::quoted)
                    .toList()), "/dev/null");
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out);
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
