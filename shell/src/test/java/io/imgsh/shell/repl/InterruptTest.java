package io.imgsh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.shell.progress.LargeTarball;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C while a large import runs at the prompt: the import stops, leaves no temporary file, no image and no alias,
 * the prompt says {@code Error: interrupted} and goes on. The import reads a named pipe that a writer fills with a
 * 4 GiB tarball (as fast as the import takes it), so the interrupt always lands in the middle of the copy.
 */
class InterruptTest {
    private static final long MIB = 1L << 20;
    private static final long DECLARED = 4096 * MIB;

    @TempDir
    Path dir;

    private HeadlessPrompt prompt;

    @AfterEach
    void close() throws IOException {
        if (prompt != null) {
            prompt.close();
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void ctrlCStopsALargeImportCleanlyAndThePromptGoesOn() throws Exception {
        Path pipe = dir.resolve("image.tar");
        Thread writer = LargeTarball.fifo(pipe, DECLARED);

        prompt = new HeadlessPrompt(dir).start(false);
        prompt.type("image import " + pipe + " --alias big\n");
        Path tmp = prompt.home().resolve("tmp");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (LargeTarball.largestFile(tmp) < 64 * MIB) {
            assertThat(System.nanoTime()).as("the import never got going: %s", prompt.transcript())
                    .isLessThan(deadline);
            HeadlessPrompt.sleep(5);
        }

        prompt.terminal.raise(Terminal.Signal.INT);
        String out = prompt.await("Error: interrupted\n", Duration.ofSeconds(60));
        assertThat(out).doesNotContain("Image imported");
        assertThat(names(tmp)).isEmpty();
        assertThat(names(prompt.home().resolve("images"))).isEmpty();

        // the prompt goes on, and the next command is not interrupted by the Ctrl-C before it
        prompt.type("image list --format csv -c l\nimage alias list --format csv\n"
                + "config get images.remote_cache_expiry\n");
        prompt.await("10\n", Duration.ofSeconds(30));
        String after = prompt.run("exit\n");
        assertThat(after.substring(after.indexOf("Error: interrupted"))).doesNotContain("big")
                .containsOnlyOnce("Error");
        writer.join(10_000);
        assertThat(writer.isAlive()).isFalse();
    }
}
