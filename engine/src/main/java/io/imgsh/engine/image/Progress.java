package io.imgsh.engine.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;

/**
 * Hears how far a long copy (import, export, later downloads) has got. Called on the copying thread, often (every
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

    /** {@code in}, reporting every byte read through it as done, counting on from {@code start}. */
    static InputStream counting(InputStream in, Progress progress, long start, long total) {
        if (progress == NONE) {
            return in;
        }
        return new FilterInputStream(in) {
            private long done = start;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    progress.update(++done, total);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    done += n;
                    progress.update(done, total);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                done += skipped;
                return skipped;
            }
        };
    }

    /** Whether {@code e} is how an interrupted thread's I/O ends (a blocking wait or an interruptible channel). */
    static boolean interrupted(IOException e) {
        return e instanceof InterruptedIOException || e instanceof ClosedByInterruptException;
    }
}
