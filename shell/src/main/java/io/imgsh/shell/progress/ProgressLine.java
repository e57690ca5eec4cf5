package io.imgsh.shell.progress;

import io.imgsh.shell.render.LxdFormats;

/** The text of one progress line: {@code Importing image: 45% (123.45MB of 274.00MB, 56.78MB/s, ETA 3s)}. */
public final class ProgressLine {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private ProgressLine() {
    }

    /**
     * @param total   bytes expected, or -1 when unknown (then no percentage or ETA)
     * @param elapsed nanoseconds since the work started
     */
    public static String format(String label, long done, long total, long elapsed) {
        StringBuilder sb = new StringBuilder(80).append(label).append(": ");
        boolean known = total > 0;
        if (known) {
            sb.append(Math.min(100, done * 100 / total)).append("% (").append(LxdFormats.size(done)).append(" of ")
                    .append(LxdFormats.size(total));
        } else {
            sb.append(LxdFormats.size(done)).append(" (");
        }
        double seconds = (double) elapsed / NANOS_PER_SECOND;
        if (seconds > 0 && done > 0) {
            double rate = done / seconds;
            sb.append(known ? ", " : "").append(LxdFormats.size((long) rate)).append("/s");
            if (known) {
                sb.append(", ETA ").append(duration((long) Math.ceil((total - done) / rate)));
            }
        } else if (!known) {
            sb.append("starting");
        }
        return sb.append(')').toString();
    }

    /** {@code 7s}, {@code 2m05s}, {@code 1h02m}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + twoDigits(seconds % 60) + "s";
        }
        return seconds / 3600 + "h" + twoDigits(seconds % 3600 / 60) + "m";
    }

    private static String twoDigits(long n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }
}
