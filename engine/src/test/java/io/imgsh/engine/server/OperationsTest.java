package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * How the server's operations end when it stops: running tasks finish within a bound, then are interrupted; waits
 * are released.
 */
class OperationsTest {
    private final Operations operations = new Operations(new MutableClock(ImageFixture.START), Operations.KEEP,
            Operations.MAX_WAIT, op -> { });

    @Test
    void stoppingLetsARunningTaskFinish() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Operation op = operations.start("Downloading image", null, progress -> {
            started.countDown();
            release.await();
            return Map.of("fingerprint", "f");
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        Thread closing = new Thread(() -> operations.close(Duration.ofMinutes(5)));
        closing.start();
        release.countDown();
        closing.join();
        assertThat(op.status()).isEqualTo(Operation.Status.SUCCESS);
        assertThat(op.metadata()).isEqualTo(Map.of("fingerprint", "f"));
    }

    @Test
    void aTaskStillRunningAfterTheBoundIsInterrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Operation op = operations.start("Downloading image", null, progress -> {
            started.countDown();
            new CountDownLatch(1).await(); // never released
            return null;
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        operations.close(Duration.ofMillis(50));
        assertThat(op.await(Duration.ofSeconds(30))).isTrue();
        assertThat(op.status()).isEqualTo(Operation.Status.FAILURE);
    }

    @Test
    void onceWaitsAreReleasedAWaitForALaterOperationAnswersAtOnce() throws Exception {
        operations.releaseWaits();
        Operation later = operations.token("Image download token", null, Map.of("secret", "s"));
        AtomicReference<Boolean> finished = new AtomicReference<>();
        Thread waiting = new Thread(() -> {
            try {
                finished.set(later.await(Duration.ofDays(1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiting.setDaemon(true);
        waiting.start();
        while (waiting.isAlive()) {
            assertThat(waiting.getState() == Thread.State.TIMED_WAITING && Stream.of(waiting.getStackTrace())
                    .anyMatch(frame -> frame.getMethodName().equals("await")
                            && frame.getClassName().equals(Operation.class.getName())))
                    .as("waiting although the waits were released").isFalse();
            Thread.sleep(10);
        }
        assertThat(finished.get()).isFalse();
        assertThat(later.status()).isEqualTo(Operation.Status.RUNNING);
    }
}
