package io.imgsh.engine.server;

import io.imgsh.engine.image.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A download's progress in its operation's metadata, as LXD 5.0.2 reports it there for {@code lxc} to show:
 * {@code download_progress} with {@code "rootfs: 45% (10.50MB/s)"}, changed at most once per {@link #EVERY} (each
 * change is an operation event).
 */
final class OperationProgress implements Progress {
    static final Duration EVERY = Duration.ofSeconds(1);
    static final String KEY = "download_progress";

    private final Operation operation;
    private final Clock clock;
    private final Instant start;
    private Instant last = Instant.MIN;
    private String shown = "";

    OperationProgress(Operation operation, Clock clock) {
        this.operation = operation;
        this.clock = clock;
        this.start = clock.instant();
    }

    @Override
    public void update(long done, long total) {
        update(null, done, total);
    }

    @Override
    public void update(String stage, long done, long total) {
        Instant now = clock.instant();
        if (Duration.between(last, now).compareTo(EVERY) < 0 && done != total) {
            return;
        }
        String text = text(stage, done, total, Duration.between(start, now));
        if (!text.equals(shown)) {
            last = now;
            shown = text;
            operation.putMetadata(KEY, text);
        }
    }

    /** LXD's text: {@code [stage: ]NN%} (or the bytes so far when the total is not known) and the mean speed. */
    static String text(String stage, long done, long total, Duration elapsed) {
        StringBuilder b = new StringBuilder();
        if (stage != null) {
            b.append(stage).append(": ");
        }
        long percent = total > 0 ? done * 100 / total : 0;
        b.append(percent > 0 ? percent + "%" : size(done));
        long millis = elapsed.toMillis();
        if (millis > 0 && done > 0) {
            b.append(" (").append(size(done * 1000 / millis)).append("/s)");
        }
        return b.toString();
    }

    /** Go LXD's {@code units.GetByteSizeString(n, 2)}: decimal units, two decimals. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + "B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes / 1000.0;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f%s", value, units[unit]);
    }
}
