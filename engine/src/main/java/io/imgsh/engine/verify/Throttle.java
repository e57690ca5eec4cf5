package io.imgsh.engine.verify;

import io.imgsh.engine.EngineException;
import java.util.concurrent.TimeUnit;

/** Keeps a reader at or below a number of bytes per second by sleeping when it is ahead (0: no limit). */
final class Throttle {
    static final Throttle NONE = new Throttle(0);

    private final long bytesPerSecond;
    private final long start = System.nanoTime();
    private long bytes;

    Throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Counts {@code n} more bytes read and waits until they are due. */
    void pace(long n) {
        if (bytesPerSecond <= 0) {
            return;
        }
        bytes += n;
        long due = start + (long) (bytes * 1e9 / bytesPerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("Verification interrupted");
            }
        }
    }
}
