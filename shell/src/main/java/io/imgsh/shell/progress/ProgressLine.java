package io.imgsh.shell.progress;

import io.imgsh.shell.render.LxdFormats;

/**
 * The text of one progress line: {@code Importing image: 45% (123.45MB of 274.00MB, 56.78MB/s, ETA 3s)}, or during
 * a stall {@code … 0.12MB/s, stalled 12s)}.
 */
public final class ProgressLine {
    private ProgressLine() {
    }

    /**
     * @param total          bytes expected, or -1 when unknown (then no percentage or ETA)
     * @param rate           bytes per second, 0 or less while none is known yet
     * @param stalledSeconds how long no byte has come, 0 while they flow
     */
    public static String format(String label, long done, long total, double rate, long stalledSeconds) {
        StringBuilder sb = new StringBuilder(80).append(label).append(": ");
        boolean known = total > 0;
        if (known) {
            sb.append(Math.min(100, done * 100 / total)).append("% (").append(LxdFormats.size(done)).append(" of ")
                    .append(LxdFormats.size(total));
        } else {
            sb.append(LxdFormats.size(done)).append(" (");
        }
        if (rate > 0 && done > 0) {
            sb.append(known ? ", " : "").append(LxdFormats.size((long) rate)).append("/s");
            if (stalledSeconds > 0) {
                sb.append(", stalled ").append(duration(stalledSeconds));
            } else if (known) {
                sb.append(", ETA ").append(duration((long) Math.ceil((total - done) / rate)));
            }
        } else if (stalledSeconds > 0) {
            sb.append(known ? ", " : "").append("stalled ").append(duration(stalledSeconds));
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
