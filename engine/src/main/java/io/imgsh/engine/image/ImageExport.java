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
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Copies an image's stored files out under LXD's export names. Each file is written under a temporary name beside
 * its destination ({@link PartialFile}) and, only once every file of the image is complete, renamed into place: a
 * split image's rootfs first and its metadata last, so that the metadata file never stands beside an incomplete
 * rootfs. A failure or an interrupt leaves none of the export's files behind; partial files of a killed export are
 * removed by the next export into the same directory.
 */
final class ImageExport {
    /** Copied per call, so that progress is heard and an interrupt is noticed at least this often. */
    private static final long CHUNK = 8L << 20;

    private final Path file;
    private final Path rootfs;
    private final String fingerprint;

    ImageExport(Path file, Path rootfs, String fingerprint) {
        this.file = file;
        this.rootfs = rootfs;
        this.fingerprint = fingerprint;
    }

    List<Path> writeTo(String target) {
        return writeTo(target, Progress.NONE);
    }

    List<Path> writeTo(String target, Progress progress) {
        return place(target, progress, false);
    }

    /**
     * As {@link #writeTo}, for files that are temporary and in the target's directory (a remote export just
     * downloaded): they are renamed into place instead of copied, with the mode the umask gives new files.
     */
    List<Path> moveTo(String target) {
        return place(target, Progress.NONE, true);
    }

    private List<Path> place(String target, Progress progress, boolean move) {
        try {
            List<Copy> copies = copies(target);
            Path first = copies.get(0).to();
            Path dir = first.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                throw new InvalidInputException("open " + first + ": no such file or directory");
            }
            PartialFile.removeAbandoned(dir);
            return move ? move(copies) : copy(copies, progress);
        } catch (IOException e) {
            throw new EngineException(
                    Progress.interrupted(e) ? "Export interrupted" : "Export failed: " + e.getMessage(), e);
        }
    }

    /** Where each stored file goes, the metadata (or unified) file first. */
    private List<Copy> copies(String target) throws IOException {
        String ext = Compression.detect(file).extension();
        Path dir = target == null ? Path.of("") : Path.of(target);
        if (target == null || Files.isDirectory(dir)) {
            if (rootfs == null) {
                return List.of(new Copy(file, dir.resolve(fingerprint + ext)));
            }
            return List.of(new Copy(file, dir.resolve("meta-" + fingerprint + ext)),
                    new Copy(rootfs, dir.resolve(fingerprint + Compression.detect(rootfs).extension())));
        }
        if (target.endsWith("/")) {
            throw new InvalidInputException("open " + target + ": is a directory");
        }
        if (rootfs == null) {
            return List.of(new Copy(file, Path.of(target + ext)));
        }
        return List.of(new Copy(file, Path.of(target)), new Copy(rootfs, Path.of(target + ".root")));
    }

    private static List<Path> copy(List<Copy> copies, Progress progress) throws IOException {
        long total = 0;
        for (Copy c : copies) {
            total += Files.size(c.from());
        }
        List<PartialFile> partials = new ArrayList<>();
        try {
            long done = 0;
            for (Copy c : copies) {
                PartialFile partial = PartialFile.create(c.to());
                partials.add(partial);
                done = c.into(partial.channel(), progress, done, total);
            }
            return intoPlace(copies, i -> partials.get(i).moveIntoPlace(copies.get(i).to()));
        } finally {
            partials.forEach(PartialFile::close);
        }
    }

    private static List<Path> move(List<Copy> copies) throws IOException {
        Set<PosixFilePermission> mode = Umask.newFilePermissions();
        for (Copy c : copies) {
            Files.setPosixFilePermissions(c.from(), mode);
        }
        return intoPlace(copies, i -> Files.move(copies.get(i).from(), copies.get(i).to(),
                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE));
    }

    /**
     * Renames the complete files into place, last first (a split image's rootfs before its metadata, so that a
     * metadata file under its final name always has its rootfs beside it); when one rename fails, removes those
     * already renamed. Returns the destinations in order.
     */
    private static List<Path> intoPlace(List<Copy> copies, Rename rename) throws IOException {
        List<Path> placed = new ArrayList<>();
        try {
            for (int i = copies.size() - 1; i >= 0; i--) {
                rename.apply(i);
                placed.add(copies.get(i).to());
            }
        } catch (IOException | RuntimeException e) {
            for (Path p : placed) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return copies.stream().map(Copy::to).toList();
    }

    @FunctionalInterface
    private interface Rename {
        void apply(int index) throws IOException;
    }

    /** One stored file and its destination. */
    private record Copy(Path from, Path to) {
        /** Copies into {@code out}, reporting {@code base} plus the bytes copied; returns the new count. */
        long into(FileChannel out, Progress progress, long base, long total) throws IOException {
            try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
                long size = in.size();
                for (long done = 0; done < size; ) {
                    done += in.transferTo(done, Math.min(CHUNK, size - done), out);
                    progress.update(base + done, total);
                }
                return base + size;
            }
        }
    }
}
