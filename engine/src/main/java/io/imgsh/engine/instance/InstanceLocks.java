package io.imgsh.engine.instance;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.NotFoundException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per instance name, held by whatever changes an instance's record or life (start, stop, delete, config,
 * restore, the removal of an ephemeral instance that stopped by itself) across imgsh's processes and threads: an
 * advisory lock on {@code instances/.locks/<name>}, a file that outlives the instance so that a lock never guards a
 * deleted file while another instance of the same name is made. The file lock belongs to the process, so threads of
 * one process first take a lock of the JVM's for the same file.
 */
final class InstanceLocks {
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path dir;

    InstanceLocks(Path instances) {
        this.dir = instances.resolve(".locks");
    }

    /** Waits for the instance's lock. */
    Held lock(String name) {
        Path file = file(name);
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        try {
            FileChannel channel = open(file);
            return new Held(local, channel, channel.lock());
        } catch (IOException e) {
            local.unlock();
            throw new EngineException("Cannot lock instance \"" + name + "\": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            local.unlock();
            throw e;
        }
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
        try {
            FileChannel channel = open(file);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                local.unlock();
                return null;
            }
            return new Held(local, channel, lock);
        } catch (IOException e) {
            local.unlock();
            throw new EngineException("Cannot lock instance \"" + name + "\": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    /** The lock file of an instance; a name no instance may have (a path, say) has none. */
    private Path file(String name) {
        if (!InstanceNames.isValid(name)) {
            throw new NotFoundException("Instance not found");
        }
        return dir.resolve(name).toAbsolutePath();
    }

    private FileChannel open(Path file) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** A held lock; closing it releases the file's lock, then the JVM's. */
    static final class Held implements AutoCloseable {
        private final ReentrantLock local;
        private final FileChannel channel;
        private final FileLock lock;

        private Held(ReentrantLock local, FileChannel channel, FileLock lock) {
            this.local = local;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new EngineException("Cannot release an instance's lock: " + e.getMessage(), e);
            } finally {
                local.unlock();
            }
        }
    }
}
