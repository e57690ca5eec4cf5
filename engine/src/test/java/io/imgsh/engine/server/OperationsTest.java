package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How the server's operations end when it stops: running tasks finish within a bound, then are interrupted. */
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
}
