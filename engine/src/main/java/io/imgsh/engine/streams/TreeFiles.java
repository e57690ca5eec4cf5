package io.imgsh.engine.streams;

import io.imgsh.engine.EngineException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Files of a tree, each appearing whole under its name: written (or linked) under a temporary name in the same
 * directory, flushed, then renamed over the old one. Temporary names start with {@link #TMP_PREFIX}, which
 * {@link #sweep} clears after a build that died.
 */
final class TreeFiles {
    static final String TMP_PREFIX = ".imgsh-tmp-";

    private final Path root;

    TreeFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The file at {@code path}, which must lie below the root (a path from a file of the tree is not trusted). */
    Path resolve(String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new EngineException("Refused the path \"" + path + "\": it leads out of " + root);
        }
        return file;
    }

    /** Writes {@code bytes} at {@code path} unless it holds them already; whether it wrote. */
    boolean write(String path, byte[] bytes) throws IOException {
        Path target = resolve(path);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
            return false;
        }
        Path tmp = temporary(target);
        try {
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            sync(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    /** Puts a copy of {@code source} (or a hard link to it) at {@code path}. */
    void place(String path, Path source, boolean hardLink) throws IOException {
        Path target = resolve(path);
        Path tmp = temporary(target);
        try {
            if (hardLink) {
                try {
                    Files.createLink(tmp, source);
                } catch (IOException e) {
                    throw new IOException("cannot hard-link " + path + " to the store's " + source + " (" + e
                            .getMessage() + "): the tree must be on the store's file system; build without "
                            + "--hardlink to copy", e);
                }
            } else {
                Files.copy(source, tmp);
                sync(tmp);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes {@code path}, then its parent directories below the root while they are empty. */
    void delete(String path) throws IOException {
        Path file = resolve(path);
        Files.deleteIfExists(file);
        for (Path dir = file.getParent(); dir != null && dir.startsWith(root) && !dir.equals(root);
             dir = dir.getParent()) {
            try (Stream<Path> left = Files.list(dir)) {
                if (left.findAny().isPresent()) {
                    return;
                }
            } catch (NoSuchFileException e) {
                continue;
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Removes the temporary files a build that died left behind. */
    void sweep() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(p -> p.getFileName().toString().startsWith(TMP_PREFIX)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Path temporary(Path target) throws IOException {
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(dir + " is not a directory", e);
        }
        return dir.resolve(TMP_PREFIX + UUID.randomUUID());
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
