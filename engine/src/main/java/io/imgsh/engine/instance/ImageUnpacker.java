package io.imgsh.engine.instance;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.format.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Makes an instance directory of a stored image: its rootfs in {@code rootfs/} (ids shifted by {@code idOffset}),
 * metadata.yaml and templates/ beside it, as LXD keeps them. A unified tarball holds all of it; a split image's
 * metadata tarball holds the last two and its rootfs is a tarball or a squashfs.
 */
final class ImageUnpacker {
    private ImageUnpacker() {
    }

    /** {@code files}: the unified file, or the metadata then the rootfs, as the store keeps them. */
    static void unpack(List<Path> files, Path dir, int idOffset) throws IOException {
        Path rootfs = dir.resolve(InstanceFiles.ROOTFS);
        Files.createDirectory(rootfs);
        Files.setAttribute(rootfs, "unix:uid", idOffset);
        Files.setAttribute(rootfs, "unix:gid", idOffset);
        if (files.size() == 1) {
            unpack(files.get(0), "image tarball", name -> unified(name, dir, rootfs, idOffset));
        } else {
            unpack(files.get(0), "metadata tarball", name -> metadata(name, dir));
            if (Compression.detect(files.get(1)) == Compression.SQUASHFS) {
                unsquash(files.get(1), rootfs, idOffset);
            } else {
                unpack(files.get(1), "rootfs tarball", name -> new UnpackTarget(rootfs, name, idOffset, false));
            }
        }
        if (!Files.isRegularFile(dir.resolve(InstanceFiles.METADATA), LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("The image has no metadata.yaml");
        }
    }

    private static void unpack(Path file, String label, Function<String, UnpackTarget> targets) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            new Unpacker(targets).unpack(in, label);
        }
    }

    private static UnpackTarget unified(String name, Path dir, Path rootfs, int idOffset) {
        if (name.equals(InstanceFiles.ROOTFS) || name.startsWith(InstanceFiles.ROOTFS + "/")) {
            return new UnpackTarget(rootfs, name.substring(InstanceFiles.ROOTFS.length()).replaceFirst("^/+", ""),
                    idOffset, false);
        }
        return metadata(name, dir);
    }

    /**
     * metadata.yaml and templates/ go beside the rootfs, owned by the host; anything else is not needed. A second
     * metadata.yaml (appended with {@code tar -r}) is refused: import read the first, so the instance would follow
     * templates that {@code image info} never showed.
     */
    private static UnpackTarget metadata(String name, Path dir) {
        if (name.equals(InstanceFiles.METADATA) && Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("The image contains more than one metadata.yaml");
        }
        if (name.equals(InstanceFiles.METADATA) || name.equals(InstanceFiles.TEMPLATES)
                || name.startsWith(InstanceFiles.TEMPLATES + "/")) {
            return new UnpackTarget(dir, name, 0, true);
        }
        return null;
    }

    /** A squashfs rootfs: unsquashfs keeps owners, modes, links, devices and xattrs; then the ids are shifted. */
    private static void unsquash(Path file, Path rootfs, int idOffset) throws IOException {
        Process process = new ProcessBuilder("unsquashfs", "-f", "-n", "-d", rootfs.toString(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (process.waitFor() != 0) {
                throw new InvalidInputException("Cannot unpack the squashfs rootfs: "
                        + output.lines().reduce((a, b) -> b).orElse("unsquashfs failed"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted");
        }
        if (idOffset != 0) {
            IdShift.shift(rootfs, (id, path) -> IdMap.host(id, idOffset, path));
        }
    }
}
