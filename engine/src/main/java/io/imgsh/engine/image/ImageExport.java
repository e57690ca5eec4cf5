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

/** Copies an image's stored files out under LXD's export names; each file appears whole or not at all. */
final class ImageExport {
    private final Path file;
    private final Path rootfs;
    private final String fingerprint;

    ImageExport(Path file, Path rootfs, String fingerprint) {
        this.file = file;
        this.rootfs = rootfs;
        this.fingerprint = fingerprint;
    }

    List<Path> writeTo(String target) {
        try {
            String ext = Compression.detect(file).extension();
            Path dir = target == null ? Path.of("") : Path.of(target);
            List<Copy> copies = new ArrayList<>();
            if (target == null || Files.isDirectory(dir)) {
                if (rootfs == null) {
                    copies.add(new Copy(file, dir.resolve(fingerprint + ext)));
                } else {
                    copies.add(new Copy(file, dir.resolve("meta-" + fingerprint + ext)));
                    copies.add(new Copy(rootfs, dir.resolve(fingerprint + Compression.detect(rootfs).extension())));
                }
            } else if (target.endsWith("/")) {
                throw new InvalidInputException("open " + target + ": is a directory");
            } else if (rootfs == null) {
                copies.add(new Copy(file, Path.of(target + ext)));
            } else {
                copies.add(new Copy(file, Path.of(target)));
                copies.add(new Copy(rootfs, Path.of(target + ".root")));
            }
            List<Path> written = new ArrayList<>();
            for (Copy c : copies) {
                c.run();
                written.add(c.to);
            }
            return written;
        } catch (IOException e) {
            throw new EngineException("Export failed: " + e.getMessage(), e);
        }
    }

    /** One file copied beside its destination first, then renamed over it. */
    private record Copy(Path from, Path to) {
        void run() throws IOException {
            Path parent = to.toAbsolutePath().getParent();
            if (!Files.isDirectory(parent)) {
                throw new InvalidInputException("open " + to + ": no such file or directory");
            }
            Path partial = Files.createTempFile(parent, "." + to.getFileName(), ".partial");
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                long size = in.size();
                for (long done = 0; done < size; ) {
                    done += in.transferTo(done, size - done, out);
                }
                Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}
