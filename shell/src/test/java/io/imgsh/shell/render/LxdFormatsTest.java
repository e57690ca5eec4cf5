package io.imgsh.shell.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LxdFormatsTest {
    @Test
    void sizeInMebibytesWithTwoDecimals() {
        assertThat(LxdFormats.size(0)).isEqualTo("0.00MB");
        assertThat(LxdFormats.size(728)).isEqualTo("0.00MB");
        assertThat(LxdFormats.size(20480)).isEqualTo("0.02MB");
        assertThat(LxdFormats.size(106586928)).isEqualTo("101.65MB");
        assertThat(LxdFormats.size(5L << 40)).isEqualTo("5242880.00MB");
    }

    @Test
    void sizeRoundsTiesToEvenLikeGo() {
        assertThat(LxdFormats.size(131072)).isEqualTo("0.12MB");
        assertThat(LxdFormats.size(393216)).isEqualTo("0.38MB");
    }

    @Test
    void listDate() {
        assertThat(LxdFormats.listDate(Instant.parse("2026-11-27T02:23:03.598645087Z")))
                .isEqualTo("Nov 27, 2026 at 2:23am (UTC)");
        assertThat(LxdFormats.listDate(Instant.parse("2026-11-27T00:05:00Z"))).isEqualTo("Nov 27, 2026 at 12:05am (UTC)");
        assertThat(LxdFormats.listDate(Instant.parse("2026-01-02T12:30:59Z"))).isEqualTo("Jan 2, 2026 at 12:30pm (UTC)");
        assertThat(LxdFormats.listDate(Instant.parse("2023-09-14T22:13:20Z"))).isEqualTo("Sep 14, 2023 at 10:13pm (UTC)");
    }

    @Test
    void infoDate() {
        assertThat(LxdFormats.infoDate(Instant.parse("2023-11-14T22:13:20Z"))).isEqualTo("2023/11/14 22:13 UTC");
        assertThat(LxdFormats.infoDate(Instant.parse("2030-01-01T00:00:00Z"))).isEqualTo("2030/01/01 00:00 UTC");
    }

    @Test
    void sizeMatchesTheExactBinaryValueRoundedHalfToEven() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 100_000; i++) {
            long bytes = i < 50_000 ? random.nextInt(1 << 24) : random.nextLong() >>> 12;
            String expected = new java.math.BigDecimal((double) bytes / 1024.0 / 1024.0)
                    .setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString() + "MB";
            assertThat(LxdFormats.size(bytes)).as("%d bytes", bytes).isEqualTo(expected);
        }
        assertThat(LxdFormats.size(5243)).isEqualTo("0.01MB");
        assertThat(LxdFormats.size(15729)).isEqualTo("0.02MB");
    }
}
