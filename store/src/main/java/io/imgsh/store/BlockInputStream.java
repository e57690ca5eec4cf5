package io.imgsh.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that reads in blocks: {@link #read(byte[], int, int)} is what a subclass writes, and the single-byte
 * {@link #read()} every {@link InputStream} must have reads a block of one.
 */
public abstract class BlockInputStream extends InputStream {
    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
