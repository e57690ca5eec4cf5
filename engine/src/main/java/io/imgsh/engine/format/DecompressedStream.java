package io.imgsh.engine.format;

import io.imgsh.engine.InvalidInputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/** A decompressor's output, refused once it yields more than its {@link DecompressionLimit} allows. */
final class DecompressedStream extends FilterInputStream {
    private final LongSupplier compressedRead;
    private final DecompressionLimit limit;
    private final String label;
    private long yielded;

    /** {@code compressedRead} tells how many compressed bytes the decompressor has read so far. */
    DecompressedStream(InputStream decompressor, LongSupplier compressedRead, DecompressionLimit limit, String label) {
        super(decompressor);
        this.compressedRead = compressedRead;
        this.limit = limit;
        this.label = label;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            yielded(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            yielded(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        yielded(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false; // a reset would yield the same bytes again
    }

    private void yielded(long n) {
        yielded += n;
        String exceeded = limit.exceededBy(yielded, compressedRead.getAsLong(), label);
        if (exceeded != null) {
            throw new InvalidInputException(exceeded);
        }
    }
}
