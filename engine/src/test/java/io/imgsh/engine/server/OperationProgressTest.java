package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationProgressTest {
    @Test
    void theTextIsLxdsPercentOrBytesWithTheMeanSpeedInDecimalUnits() {
        assertThat(OperationProgress.text("rootfs", 45_000_000, 100_000_000, Duration.ofSeconds(4)))
                .isEqualTo("rootfs: 45% (11.25MB/s)");
        assertThat(OperationProgress.text(null, 1_500, -1, Duration.ofSeconds(1))).isEqualTo("1.50kB (1.50kB/s)");
        assertThat(OperationProgress.text(null, 0, 10, Duration.ZERO)).isEqualTo("0B");
        assertThat(OperationProgress.size(999)).isEqualTo("999B");
        assertThat(OperationProgress.size(2_345_678_901L)).isEqualTo("2.35GB");
    }

    @Test
    void aRunningOperationShowsItInItsMetadataAtMostOnceASecondAndAlwaysTheEnd() {
        MutableClock clock = new MutableClock(ImageFixture.START);
        List<Object> events = new ArrayList<>();
        Operation op = new Operation(Operation.Kind.TASK, "Downloading image", null, null, false, clock, events::add);
        OperationProgress progress = new OperationProgress(op, clock);

        clock.advance(Duration.ofSeconds(2));
        progress.update("rootfs", 10_000_000, 40_000_000);
        assertThat(op.metadata()).containsEntry("download_progress", "rootfs: 25% (5.00MB/s)");
        clock.advance(Duration.ofMillis(500));
        progress.update("rootfs", 20_000_000, 40_000_000);
        assertThat(op.metadata()).containsEntry("download_progress", "rootfs: 25% (5.00MB/s)");
        progress.update("rootfs", 40_000_000, 40_000_000);
        assertThat(op.metadata()).containsEntry("download_progress", "rootfs: 100% (16.00MB/s)");
        assertThat(events).hasSize(2);

        op.finish(Operation.Status.SUCCESS, Map.of("fingerprint", "f"), "");
        progress.update("rootfs", 40_000_000, 40_000_000);
        assertThat(op.metadata()).isEqualTo(Map.of("fingerprint", "f"));
    }
}
