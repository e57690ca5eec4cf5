package io.imgsh.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-instance lock of imgsh's processes and threads: a wait for it ends when the waiting thread is interrupted,
 * one JVM lock per lock file whatever path led to it, and neither {@code .locks} nor a lock file is followed when it
 * is a link.
 */
class InstanceLocksTest {
    private static final String WAITING = "Interrupted while waiting for instance \"c1\", which another imgsh command"
            + " is using";

    @TempDir
    Path tmp;

    @Test
    void aWaitForALockHeldInThisJvmEndsWhenTheWaiterIsInterrupted() throws Exception {
        InstanceLocks locks = new InstanceLocks(tmp.resolve("instances"));
        try (InstanceLocks.Held held = locks.lock("c1")) {
            CompletableFuture<Object> waiter = inThread(() -> {
                Thread.currentThread().interrupt(); // pending as the wait begins, so that no timing decides it
                return locks.lock("c1");
            });
            assertThat(waiter.get(120, TimeUnit.SECONDS)).isInstanceOf(EngineException.class)
                    .extracting(Object::toString).isEqualTo(EngineException.class.getName() + ": " + WAITING);
        }
    }

    @Test
    void aWaitForALockHeldByAnotherProcessEndsWhenTheWaiterIsInterrupted() throws Exception {
        Path instances = tmp.resolve("instances");
        InstanceLocks locks = new InstanceLocks(instances);
        try (InstanceLockHolder.Child holder = InstanceLockHolder.start(instances, "c1")) {
            AtomicReference<Thread> waiting = new AtomicReference<>();
            CompletableFuture<Object> waiter = inThread(() -> {
                waiting.set(Thread.currentThread());
                return locks.lock("c1");
            });
            String inode = Files.getAttribute(instances.resolve(".locks/c1"), "unix:ino").toString();
            long guard = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // the kernel lists a process blocked in fcntl(F_SETLKW) as a waiter ("->") on the file's lock
            while (Files.readAllLines(Path.of("/proc/locks")).stream()
                    .noneMatch(l -> l.contains("->") && l.contains(":" + inode + " "))) {
                assertThat(System.nanoTime()).as("a waiter on the lock file").isLessThan(guard);
                Thread.onSpinWait();
            }
            waiting.get().interrupt();
            assertThat(waiter.get(120, TimeUnit.SECONDS)).isInstanceOf(EngineException.class)
                    .extracting(Object::toString).isEqualTo(EngineException.class.getName() + ": " + WAITING);
        }
        try (InstanceLocks.Held held = locks.lock("c1")) {
            assertThat(held).as("free again once the holder ended").isNotNull();
        }
    }

    @Test
    void twoSpellingsOfTheInstancesDirectoryShareOneLock() throws Exception {
        Path instances = Files.createDirectory(tmp.resolve("instances"));
        Path other = Files.createSymbolicLink(tmp.resolve("home"), tmp).resolve("instances");
        InstanceLocks locks = new InstanceLocks(instances);
        try (InstanceLocks.Held held = locks.lock("c1")) {
            assertThat(new InstanceLocks(other).tryLock("c1")).as("this thread").isNull();
            assertThat(inThread(() -> new InstanceLocks(other).tryLock("c1")).get(120, TimeUnit.SECONDS))
                    .as("another thread").isNull();
        }
        try (InstanceLocks.Held held = new InstanceLocks(other).tryLock("c1")) {
            assertThat(held).isNotNull();
        }
    }

    @Test
    void aLocksDirectoryOrLockFileThatIsALinkIsNotFollowed() throws Exception {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Path instances = Files.createDirectory(tmp.resolve("instances"));
        Files.createSymbolicLink(instances.resolve(".locks"), elsewhere);
        assertThatThrownBy(() -> new InstanceLocks(instances).lock("c1")).isInstanceOf(EngineException.class)
                .hasMessage("Cannot lock instance \"c1\": " + instances.resolve(".locks")
                        + " is not a directory (a link is refused)");

        Files.delete(instances.resolve(".locks"));
        Files.createDirectory(instances.resolve(".locks"));
        Files.createSymbolicLink(instances.resolve(".locks/c1"), elsewhere.resolve("planted"));
        assertThatThrownBy(() -> new InstanceLocks(instances).lock("c1")).isInstanceOf(EngineException.class)
                .hasMessageStartingWith("Cannot lock instance \"c1\": ").hasMessageNotContaining("\n");
        try (Stream<Path> left = Files.list(elsewhere)) {
            assertThat(left).as("nothing made through a link").isEmpty();
        }
        assertThat(Files.isSymbolicLink(instances.resolve(".locks/c1"))).isTrue();
    }

    /** What {@code call} returns or throws, in a thread of its own. */
    private static CompletableFuture<Object> inThread(Supplier<Object> call) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(call.get());
            } catch (RuntimeException | Error e) {
                result.complete(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
