package io.imgsh.engine.image;

import java.io.InputStream;
import org.apache.commons.io.input.ProxyInputStream;

/** Counts the bytes read through it, on from a start, and reports the count to a {@link Progress} after each read. */
public final class CountingStream extends ProxyInputStream {
    private final long total;
    private final String stage;
    private final Progress progress;
    private long count;

    /**
     * @param total the bytes expected in all, -1 when unknown
     * @param stage the stage to name in the reports, or null
     */
    public CountingStream(InputStream in, long start, long total, String stage, Progress progress) {
        super(in);
        this.count = start;
        this.total = total;
        this.stage = stage;
        this.progress = progress;
    }

    @Override
    protected void afterRead(int n) {
        if (n > 0) {
            count += n;
            progress.update(stage, count, total);
        }
    }

    /** The start plus the bytes read so far. */
    public long count() {
        return count;
    }
}
