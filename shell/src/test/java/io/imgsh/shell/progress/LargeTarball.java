package io.imgsh.shell.progress;

import io.imgsh.store.E2e;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Plain (uncompressed) image tarballs of a chosen size, streamed to disk or to a pipe, never held in memory. */
public final class LargeTarball {
    public static final String METADATA = """
            architecture: x86_64
            creation_date: 1700000000
            properties:
              description: large image
            """;

    private LargeTarball() {
    }

    /** A unified image at {@code file}: metadata.yaml, then one rootfs file of {@code size} bytes. */
    public static Path write(Path file, long size) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            stream(out, size, Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A metadata-only tarball (the first file of a split image). */
    public static Path writeMetadata(Path file) {
        try (OutputStream out = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            entry(tar, "metadata.yaml", METADATA.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Writes the tarball of {@link #write} to {@code out}, but stops after {@code limit} bytes of the rootfs file
     * (which then never ends as declared): for a pipe that keeps an import busy until it is stopped.
     */
    public static void stream(OutputStream out, long size, long limit) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        entry(tar, "metadata.yaml", METADATA.getBytes(StandardCharsets.UTF_8));
        TarArchiveEntry rootfs = new TarArchiveEntry("rootfs/big.bin");
        rootfs.setSize(size);
        tar.putArchiveEntry(rootfs);
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 31 + 7);
        }
        long written = 0;
        while (written < Math.min(size, limit)) {
            int n = (int) Math.min(chunk.length, Math.min(size, limit) - written);
            tar.write(chunk, 0, n);
            written += n;
        }
        if (written == size) {
            tar.closeArchiveEntry();
            tar.finish();
        }
        tar.flush();
    }

    /**
     * Makes {@code pipe} a FIFO that a daemon thread fills with the tarball of {@link #stream} ({@code size} bytes
     * declared and written) as fast as it is read, until the reader closes its end; returns the thread. Needs
     * {@code mkfifo} (see {@link E2e}).
     */
    public static Thread fifo(Path pipe, long size) throws IOException {
        E2e.requireTools("mkfifo");
        try {
            if (new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor() != 0) {
                throw new IOException("mkfifo " + pipe + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted making " + pipe);
        }
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(pipe)) {
                stream(out, size, size);
            } catch (IOException expected) {
                // the reader closed its end: broken pipe
            }
        }, "fifo-writer");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    /** The size of the largest file in {@code directory}, 0 if it has none or is missing: how far a copy has got. */
    public static long largestFile(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(f -> f.toFile().length()).max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
