package io.imgsh.engine.remote;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.io.input.ProxyInputStream;

/**
 * A download body that fails with a {@link TransferLimitException} as soon as more than {@code limit} bytes arrive,
 * before the bytes past the limit reach the reader (and the disk).
 */
final class BoundedBody extends ProxyInputStream {
    private final long limit;
    private final String excess;
    private long count;

    /** @param excess the error message once the limit is passed */
    BoundedBody(InputStream in, long limit, String excess) {
        super(in);
        this.limit = limit;
        this.excess = excess;
    }

    @Override
    protected void afterRead(int n) throws TransferLimitException {
        if (n > 0) {
            counted(n);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    private void counted(long n) throws TransferLimitException {
        count += n;
        if (count > limit) {
            throw new TransferLimitException(excess, true);
        }
    }
}
