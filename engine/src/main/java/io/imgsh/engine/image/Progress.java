package io.imgsh.engine.image;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;

/**
 * Hears how far a long copy (import, export, download, upload) has got. Called on the copying thread, often (every
 * buffer), so an implementation that draws must throttle itself; the engine never prints.
 */
@FunctionalInterface
public interface Progress {
    /** Hears nothing. */
    Progress NONE = (done, total) -> {
    };

    /**
     * @param done  bytes copied so far
     * @param total bytes expected in all, or -1 when not known in advance (a pipe, a download without a length)
     */
    void update(long done, long total);

    /**
     * As {@link #update(long, long)}, naming the stage ({@code metadata}, {@code rootfs}) the bytes belong to, or
     * null; ignored unless overridden.
     */
    default void update(String stage, long done, long total) {
        update(done, total);
    }

    /**
     * Whether {@code e}, or what it wraps (as the JDK's HTTP client wraps), is how an interrupted thread's I/O ends (a
     * blocking wait or an interruptible channel), not a timeout (which is an {@link InterruptedIOException} too).
     */
    static boolean interrupted(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)
                    || t instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }
}
