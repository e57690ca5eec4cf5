package io.imgsh.engine.image;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.format.Compression;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies an image's stored files out under LXD's export names; each file appears whole or not at all, and when a
 * later file of a split image fails (or the thread is interrupted), the ones already written are removed again.
 */
public final class ImageExport {
    /** Copied per call, so that progress is heard and an interrupt is noticed at least this often. */
    private static final long CHUNK = 8L << 20;

    private final Path file;
    private final Path rootfs;
    private final String fingerprint;

    public ImageExport(Path file, Path rootfs, String fingerprint) {
        this.file = file;
        this.rootfs = rootfs;
        this.fingerprint = fingerprint;
    }

    List<Path> writeTo(String target) {
        return writeTo(target, Progress.NONE);
    }

    public List<Path> writeTo(String target, Progress progress) {
        return place(target, progress, false);
    }

    /**
     * As {@link #writeTo}, for files that are temporary and in the target's directory (a remote export just
     * downloaded): they are renamed into place instead of copied.
     */
    public List<Path> moveTo(String target) {
        return place(target, Progress.NONE, true);
    }

    private List<Path> place(String target, Progress progress, boolean move) {
        try {
            String ext = Compression.detect(file).extension();
            Path dir = target == null ? Path.of("") : Path.of(target);
            List<Copy> copies = new ArrayList<>();
            if (target == null || Files.isDirectory(dir)) {
                if (rootfs == null) {
                    copies.add(new Copy(file, dir.resolve(fingerprint + ext), move));
                } else {
                    copies.add(new Copy(file, dir.resolve("meta-" + fingerprint + ext), move));
                    copies.add(new Copy(rootfs, dir.resolve(fingerprint + Compression.detect(rootfs).extension()),
                            move));
                }
            } else if (target.endsWith("/")) {
                throw new InvalidInputException("open " + target + ": is a directory");
            } else if (rootfs == null) {
                copies.add(new Copy(file, Path.of(target + ext), move));
            } else {
                copies.add(new Copy(file, Path.of(target), move));
                copies.add(new Copy(rootfs, Path.of(target + ".root"), move));
            }
            long total = 0;
            for (Copy c : copies) {
                total += Files.size(c.from);
            }
            List<Path> written = new ArrayList<>();
            try {
                long done = 0;
                for (Copy c : copies) {
                    done = c.run(progress, done, total);
                    written.add(c.to);
                }
            } catch (IOException | RuntimeException e) {
                for (Path w : written) {
                    Files.deleteIfExists(w);
                }
                throw e;
            }
            return written;
        } catch (IOException e) {
            throw new EngineException(
                    Progress.interrupted(e) ? "Export interrupted" : "Export failed: " + e.getMessage(), e);
        }
    }

    /** One file copied beside its destination first, then renamed over it; or, when {@code move}, just renamed. */
    private record Copy(Path from, Path to, boolean move) {
        /** Copies, reporting {@code base} plus the bytes copied; returns the new count. */
        long run(Progress progress, long base, long total) throws IOException {
            Path parent = to.toAbsolutePath().getParent();
            if (!Files.isDirectory(parent)) {
                throw new InvalidInputException("open " + to + ": no such file or directory");
            }
            if (move) {
                Files.setPosixFilePermissions(from, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return base + Files.size(to);
            }
            Path partial = Files.createTempFile(parent, "." + to.getFileName(), ".partial");
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                long size = in.size();
                for (long done = 0; done < size; ) {
                    done += in.transferTo(done, Math.min(CHUNK, size - done), out);
                    progress.update(base + done, total);
                }
                Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return base + size;
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}
