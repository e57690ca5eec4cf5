package io.imgsh.engine.instance;

import io.imgsh.engine.EngineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Copies a directory tree with everything a rootfs keeps (owners, modes, links, hard links, devices, extended
 * attributes, times) as LXD's dir storage does with rsync: with coreutils' {@code cp -a}.
 */
final class TreeCopy {
    private TreeCopy() {
    }

    /** Copies {@code from} to {@code to}, which must not exist yet. */
    static void copy(Path from, Path to) {
        try {
            Process process = new ProcessBuilder("cp", "-a", "--no-target-directory", from.toString(), to.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new EngineException("Failed to copy " + from + ": " + output.lines().findFirst().orElse(""));
            }
        } catch (IOException e) {
            throw new EngineException("Failed to copy " + from + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted");
        }
    }
}
