package io.imgsh.engine.format;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The caller's stream as seen by decompressors: closing it does nothing (the caller goes on reading
 * it), and its own read failures are tagged so they stay I/O errors instead of being reported as a
 * corrupt archive.
 */
final class CallerStream extends FilterInputStream {

    private static final class Failure extends IOException {
        Failure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    CallerStream(InputStream in) {
        super(in);
    }

    /** The caller's original exception when {@code e} was caused by reading this stream, else null. */
    static IOException failureIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Failure) {
                return (IOException) t.getCause();
            }
        }
        return null;
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (IOException e) {
            throw new Failure(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            throw new Failure(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return in.skip(n);
        } catch (IOException e) {
            throw new Failure(e);
        }
    }

    @Override
    public int available() throws IOException {
        try {
            return in.available();
        } catch (IOException e) {
            throw new Failure(e);
        }
    }

    @Override
    public void close() {
        // The caller owns the stream.
    }
}
