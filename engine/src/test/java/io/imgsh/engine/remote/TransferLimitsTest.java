package io.imgsh.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.format.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransferLimitsTest {
    static final URI URL = URI.create("https://127.0.0.1:1/image");
    final TransferLimits limits = new TransferLimits(Duration.ofSeconds(30), 1024, 1000);
    final byte[] data = TarBuilder.random(1001);

    @Test
    void aBodyOfTheAnnouncedSizeGoesThrough() throws Exception {
        try (InputStream in = limits.bounded(new ByteArrayInputStream(data, 0, 600), URL, 600, 0)) {
            assertThat(in.readAllBytes()).hasSize(600);
        }
    }

    @Test
    void noByteBeyondTheAnnouncedSizeReachesTheReader() {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = limits.bounded(new ByteArrayInputStream(data, 0, 601), URL, 600, 0);
        assertThatThrownBy(() -> in.transferTo(received)).isInstanceOf(TransferLimitException.class)
                .hasMessage("Download of " + URL + " exceeds the announced size of 600 bytes");
        assertThat(received.size()).isLessThanOrEqualTo(600);
    }

    @Test
    void withoutAnAnnouncedSizeTheMaximumCaps() throws Exception {
        try (InputStream in = limits.bounded(new ByteArrayInputStream(data, 0, 1000), URL, -1, 0)) {
            assertThat(in.readAllBytes()).hasSize(1000);
        }
        InputStream in = limits.bounded(new ByteArrayInputStream(data), URL, -1, 0);
        assertThatThrownBy(in::readAllBytes).isInstanceOf(TransferLimitException.class)
                .hasMessage("Download of " + URL + " exceeds images.max_download_size (1000 bytes)");
    }

    @Test
    void anAnnouncedSizeAboveTheMaximumIsRefusedBeforeReading() throws Exception {
        InputStream body = new ByteArrayInputStream(data);
        assertThatThrownBy(() -> limits.bounded(body, URL, 1L << 50, 0)).isInstanceOf(EngineException.class)
                .hasMessage("The image at " + URL + " is 1125899906842624 bytes, more than images.max_download_size"
                        + " (1000 bytes)");
        assertThat(body.available()).isEqualTo(data.length);
    }

    @Test
    void framingIsAllowedOnTopOfTheAnnouncedSize() throws Exception {
        try (InputStream in = limits.bounded(new ByteArrayInputStream(data, 0, 700), URL, 600, 100)) {
            assertThat(in.readAllBytes()).hasSize(700);
        }
    }
}
