package io.imgsh.engine.instance;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.NotFoundException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per instance name, held across imgsh's processes and threads by whatever reads or changes an instance's
 * directory as a whole or its record (start, the end of a stop, delete, config, snapshot, restore, copy of its files,
 * publish, file push, the removal of an ephemeral instance that stopped by itself), each for a bounded time: never
 * across a graceful stop's wait for init, nor while a pushed file's content is read. An advisory lock on
 * {@code instances/.locks/<name>}, a file that outlives the instance so that a lock never guards a deleted file while
 * another instance of the same name is made. The file lock belongs to the process, so threads of one process first
 * take a lock of the JVM's, one per lock file whatever path led to it. A wait for the lock ends when the thread is
 * interrupted.
 */
final class InstanceLocks {
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Set<OpenOption> OPEN = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);

    private final Path dir;

    InstanceLocks(Path instances) {
        this.dir = instances.resolve(".locks");
    }

    /** Waits for the instance's lock; an interrupt ends the wait with a one-line error. */
    Held lock(String name) {
        Path file = file(name);
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        try {
            local.lockInterruptibly();
        } catch (InterruptedException e) {
            throw interrupted(name);
        }
        return locked(name, file, local, true);
    }

    /** The instance's lock, or null when another process or thread holds it. */
    Held tryLock(String name) {
        Path file = file(name);
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        if (!local.tryLock()) {
            return null;
        }
        if (local.getHoldCount() > 1) {
            // this very thread is changing the instance
            local.unlock();
            return null;
        }
        return locked(name, file, local, false);
    }

    /** The file's lock, the JVM's being held; null when {@code !wait} and another process holds it. */
    private Held locked(String name, Path file, ReentrantLock local, boolean wait) {
        FileChannel channel = null;
        try {
            channel = open(file);
            FileLock lock = wait ? channel.lock() : channel.tryLock();
            if (lock != null) {
                return new Held(local, channel, lock);
            }
            channel.close();
            local.unlock();
            return null;
        } catch (FileLockInterruptionException | ClosedByInterruptException e) {
            close(channel, e);
            local.unlock();
            throw interrupted(name);
        } catch (IOException e) {
            close(channel, e);
            local.unlock();
            throw new EngineException("Cannot lock instance \"" + name + "\": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            close(channel, e);
            local.unlock();
            throw e;
        }
    }

    private static void close(FileChannel channel, Throwable failure) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static EngineException interrupted(String name) {
        Thread.currentThread().interrupt();
        return new EngineException("Interrupted while waiting for instance \"" + name
                + "\", which another imgsh command is using");
    }

    /**
     * The lock file of an instance, under the real path of {@code .locks} (made here, refused when it is a link); a
     * name no instance may have (a path, say) has none.
     */
    private Path file(String name) {
        if (!InstanceNames.isValid(name)) {
            throw new NotFoundException("Instance not found");
        }
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException e) {
                    // made meanwhile by another imgsh command; checked below
                }
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new EngineException("Cannot lock instance \"" + name + "\": " + dir
                        + " is not a directory (a link is refused)");
            }
            return dir.toRealPath().resolve(name);
        } catch (IOException e) {
            throw new EngineException("Cannot lock instance \"" + name + "\": " + e.getMessage(), e);
        }
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, OPEN,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** A held lock; closing it releases the file's lock and closes its file, then releases the JVM's. */
    record Held(ReentrantLock local, FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() {
            try (channel) {
                lock.release();
            } catch (IOException e) {
                throw new EngineException("Cannot release an instance's lock: " + e.getMessage(), e);
            } finally {
                local.unlock();
            }
        }
    }
}
