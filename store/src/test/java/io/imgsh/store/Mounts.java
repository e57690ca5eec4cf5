package io.imgsh.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File systems a test mounts to make a directory full or read-only (root may write anywhere, so permissions cannot
 * show it). Where mounting is not permitted the test is skipped with the reason, or fails under
 * {@code IMGSH_REQUIRE_E2E=1} ({@link E2e#require}).
 */
public final class Mounts {
    private Mounts() {
    }

    /** A mount that {@link #close} unmounts. */
    public record Mount(Path dir) implements AutoCloseable {
        @Override
        public void close() {
            String failure = run("umount", dir.toString());
            if (failure != null) {
                throw new IllegalStateException("umount " + dir + " failed: " + failure);
            }
        }
    }

    /** Mounts a tmpfs of {@code size} ({@code mount}'s syntax, e.g. {@code 1m}) on {@code dir}. */
    public static Mount tmpfs(Path dir, String size) {
        E2e.requireTools("mount", "umount");
        String failure = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        E2e.require(failure == null, "mounting a tmpfs is not permitted here: " + failure);
        return new Mount(dir);
    }

    /** Makes {@code dir} read-only where it is, by a read-only bind mount of itself. */
    public static Mount readOnly(Path dir) {
        E2e.requireTools("mount", "umount");
        String failure = run("mount", "--bind", dir.toString(), dir.toString());
        E2e.require(failure == null, "bind mounts are not permitted here: " + failure);
        Mount mount = new Mount(dir);
        failure = run("mount", "-o", "remount,ro,bind", dir.toString());
        if (failure != null) {
            mount.close();
        }
        E2e.require(failure == null, "remounting a bind mount read-only is not permitted here: " + failure);
        return mount;
    }

    /** Runs a command; returns null when it succeeds, or its output. */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? null : output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
