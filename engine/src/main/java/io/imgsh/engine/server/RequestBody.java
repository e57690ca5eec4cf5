package io.imgsh.engine.server;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.io.input.ProxyInputStream;

/**
 * An upload's body as it arrives: fails once more than {@code limit} bytes come, and remembers a failure to receive it
 * (the client went away, stalled, sent too much), which is the client's doing, unlike what is wrong with the bytes.
 */
final class RequestBody extends ProxyInputStream {
    private final long limit;
    private final String excess;
    private long count;
    private IOException failure;

    /** @param excess the error message once the limit is passed */
    RequestBody(InputStream in, long limit, String excess) {
        super(in);
        this.limit = limit;
        this.excess = excess;
    }

    /** Why receiving the body failed, or null while it did not. */
    IOException failure() {
        return failure;
    }

    /** The next byte, which is still to be read; -1 at the end. Needs a stream that supports mark and reset. */
    int peek() throws IOException {
        try {
            in.mark(1);
            int next = in.read();
            in.reset();
            return next;
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    protected void afterRead(int n) throws IOException {
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw remember(new IOException(excess));
            }
        }
    }

    @Override
    protected void handleIOException(IOException e) throws IOException {
        throw remember(e);
    }

    private IOException remember(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}
