package io.imgsh.shell.progress;

/**
 * The rate of a transfer as it is now, not its average since the start: each new reading moves it towards the rate
 * since the last one, by more the longer ago that was (an exponential average over {@link #WINDOW_NANOS}). A reading
 * with no new bytes pulls it towards zero, so a stalled transfer's rate decays instead of staying at its last value.
 */
final class TransferRate {
    static final long WINDOW_NANOS = 5_000_000_000L;
    private static final double NANOS_PER_SECOND = 1e9;

    private final long start;
    private long lastTime;
    private long lastDone;
    private double rate;
    private boolean known;

    TransferRate(long start) {
        this.start = start;
        this.lastTime = start;
    }

    /** Takes the reading {@code done} bytes at {@code now}; returns the rate in bytes per second. */
    double update(long now, long done) {
        long dt = now - lastTime;
        if (dt <= 0) {
            return rate;
        }
        double recent = (done - lastDone) * NANOS_PER_SECOND / dt;
        if (!known) {
            rate = done * NANOS_PER_SECOND / (now - start);
            known = true;
        } else {
            rate += (1 - Math.exp(-(double) dt / WINDOW_NANOS)) * (recent - rate);
        }
        lastTime = now;
        lastDone = done;
        return rate;
    }
}
