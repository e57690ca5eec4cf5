package io.imgsh.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiTimeTest {
    @Test
    void formatsLikeGoRfc3339NanoWithTrailingZerosTrimmed() {
        assertThat(ApiTime.format(Instant.parse("2026-11-27T02:23:03.598645087Z")))
                .isEqualTo("2026-11-27T02:23:03.598645087Z");
        assertThat(ApiTime.format(Instant.parse("2026-11-27T02:23:03.500Z"))).isEqualTo("2026-11-27T02:23:03.5Z");
        assertThat(ApiTime.format(Instant.parse("2026-11-27T02:23:03.000000100Z")))
                .isEqualTo("2026-11-27T02:23:03.0000001Z");
        assertThat(ApiTime.format(Instant.ofEpochSecond(1700000000))).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(ApiTime.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
    }

    @Test
    void neverIsGoZeroTime() {
        assertThat(ApiTime.format(null)).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(ApiTime.format(ApiTime.NEVER)).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(ApiTime.parse("0001-01-01T00:00:00Z")).isNull();
    }

    @Test
    void parsesRfc3339WithOffsets() {
        assertThat(ApiTime.parse("2030-01-01T02:00:00+02:00")).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThatThrownBy(() -> ApiTime.parse("tomorrow")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFC 3339");
    }
}
