package io.imgsh.engine.remote;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.Progress;
import io.imgsh.store.BlockInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpResponse;

/**
 * A download body read as one stream: when the connection breaks, or ends before the announced length, it reconnects
 * with an HTTP range request from the bytes already delivered, so that whoever reads it (an ingest, a metadata
 * scanner) sees one continuous pass and no byte crosses the network twice. Gives up after {@link #ATTEMPTS}
 * connections in all; an interrupted read, and one that broke a {@link TransferLimits transfer limit}, is never
 * retried.
 */
public final class ResumingStream extends BlockInputStream {
    public static final int ATTEMPTS = 3;

    /** Requests the body again from byte {@code position} and returns it, checked with {@link #rangeBody}. */
    @FunctionalInterface
    public interface Reconnect {
        InputStream from(long position);
    }

    private final URI url;
    private final long length;
    private final Reconnect reconnect;
    private InputStream in;
    private long position;
    private int connections = 1;

    /**
     * @param first  the body of the first (200) response
     * @param length the announced length, -1 when unknown (then only a broken connection is resumed)
     */
    public ResumingStream(URI url, InputStream first, long length, Reconnect reconnect) {
        this(url, first, 0, length, reconnect);
    }

    /**
     * @param first  the body of the first response, byte {@code start} of the file on (0: a 200 response)
     * @param length the file's length, -1 when unknown (then only a broken connection is resumed)
     */
    public ResumingStream(URI url, InputStream first, long start, long length, Reconnect reconnect) {
        this.url = url;
        this.in = first;
        this.position = start;
        this.length = length;
        this.reconnect = reconnect;
    }

    /**
     * The body of {@code response} to a range request from {@code position}: a 206 whose Content-Range (well formed)
     * starts there. Anything else (a 200 from a server without range support included) is an error, and the body is
     * closed.
     */
    public static InputStream rangeBody(URI url, HttpResponse<InputStream> response, long position) {
        int status = response.statusCode();
        String range = response.headers().firstValue("Content-Range").orElse("").trim();
        String refusal = status == 200 ? "Download of " + url + " broke off and the server cannot resume it (no range"
                + " support)"
                : status != 206 ? "Failed to fetch " + url + ": HTTP " + status
                : ContentRange.of(response).filter(r -> r.continues(position, -1)).isEmpty() ? "Download of " + url
                + " cannot resume: the server answered a range request from byte " + position + " with "
                + (range.isEmpty() ? "no Content-Range" : range)
                : null;
        if (refusal == null) {
            return response.body();
        }
        try {
            response.body().close();
        } catch (IOException ignored) {
            // the answer is refused either way
        }
        throw new EngineException(refusal);
    }


    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                if (Progress.interrupted(e) || e instanceof TransferLimitException) {
                    throw e;
                }
                if (Thread.currentThread().isInterrupted()) {
                    // the JDK client reports an interrupted read as a plain IOException
                    InterruptedIOException stop = new InterruptedIOException("interrupted");
                    stop.initCause(e);
                    throw stop;
                }
                resume(e);
                continue;
            }
            if (n < 0) {
                if (length >= 0 && position < length) {
                    resume(new EOFException("the connection closed after " + position + " of " + length + " bytes"));
                    continue;
                }
                return -1;
            }
            position += n;
            return n;
        }
    }

    /** Reconnects from {@link #position}, or rethrows the cause once the attempts are used up. */
    private void resume(IOException cause) throws IOException {
        try {
            in.close();
        } catch (IOException ignored) {
            // the connection is gone anyway
        }
        if (connections++ >= ATTEMPTS) {
            throw cause;
        }
        in = reconnect.from(position);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
