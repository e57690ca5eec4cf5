package io.imgsh.engine.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A caller's stream over fixed bytes that records how much was read and whether it was closed. */
final class TrackingStream extends InputStream {
    private final ByteArrayInputStream in;
    private long consumed;
    private boolean closed;

    TrackingStream(byte[] bytes) {
        this.in = new ByteArrayInputStream(bytes);
    }

    long consumed() {
        return consumed;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public int read() {
        int b = in.read();
        if (b >= 0) {
            consumed++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int n = in.read(b, off, len);
        if (n > 0) {
            consumed += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        in.close();
    }
}
