package io.imgsh.engine.image;

import io.imgsh.engine.format.Messages;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A file being written beside its destination under a hidden name of imgsh's own, {@code .NAME.imgsh-<16 hex>.partial},
 * with the mode the process umask gives new files. It is locked while it exists, so that an export into the same
 * directory can tell one left by a killed process (unlocked) from one still being written (locked) and remove only
 * the former ({@link #removeAbandoned}). Closing it before {@link #moveIntoPlace} deletes it.
 */
public final class PartialFile implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("\\..+\\.imgsh-[0-9a-f]{16}\\.partial");
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The partial files open in this JVM (in their real directory). {@link #removeAbandoned} must not even open one: POSIX locks
     * belong to the process, and closing any descriptor of the file would release the writer's lock.
     */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel channel;

    private PartialFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** A new, empty, locked partial file beside {@code destination}. */
    public static PartialFile create(Path destination) throws IOException {
        Path dir = destination.toAbsolutePath().getParent().toRealPath();
        // An export into the same directory in another process may remove the new file between its creation and
        // our lock; then the file is gone once we hold the lock, and another name is tried.
        for (int attempt = 1; ; attempt++) {
            Path path = dir.resolve("." + destination.getFileName() + ".imgsh-"
                    + HexFormat.of().toHexDigits(RANDOM.nextLong()) + ".partial");
            LIVE.add(path); // before the file exists, so that this JVM never sees it unregistered
            FileChannel channel;
            try {
                channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileSystemException e) {
                LIVE.remove(path);
                // the file the user named, not the hidden one: "open /srv/x.tar.xz: permission denied"
                throw new IOException("open " + destination + ": " + Messages.reason(e), e);
            } catch (IOException | RuntimeException e) {
                LIVE.remove(path);
                throw e;
            }
            PartialFile partial = new PartialFile(path, channel);
            try {
                channel.lock();
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    return partial;
                }
            } catch (IOException | RuntimeException e) {
                partial.close();
                throw e;
            }
            partial.close();
            if (attempt == 3) {
                throw new IOException("temporary file " + path + " was removed while being created");
            }
        }
    }

    /** Where to write; closing it would release the lock, so only {@link #close} does. */
    public FileChannel channel() {
        return channel;
    }

    public Path path() {
        return path;
    }

    /** Flushes the bytes to the disk and renames the file to {@code destination}, replacing what is there. */
    void moveIntoPlace(Path destination) throws IOException {
        channel.force(true);
        Files.move(path, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Deletes the file unless it was moved into place, and releases it. A file that cannot be deleted now is no
     * longer locked once this returns, so the next export into the directory removes it.
     */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left for the next export's removeAbandoned
        }
        try {
            channel.close();
        } catch (IOException e) {
            // the descriptor is released all the same
        } finally {
            LIVE.remove(path);
        }
    }

    /**
     * Deletes the partial files in {@code dir} that a killed export left: regular files named as {@link #create}
     * names them that no process holds locked. Anything else, and any file that cannot be examined (another user's),
     * is left alone; this never fails.
     */
    static void removeAbandoned(Path dir) {
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(dir.toRealPath(),
                f -> NAME.matcher(f.getFileName().toString()).matches())) {
            for (Path partial : partials) {
                if (!LIVE.contains(partial) && Files.isRegularFile(partial, LinkOption.NOFOLLOW_LINKS)) {
                    removeIfUnlocked(partial);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the export itself does not depend on it
        }
    }

    private static void removeIfUnlocked(Path partial) {
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
            if (lock != null) {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            // gone meanwhile, or not ours to read
        }
    }
}
