package io.imgsh.engine.remote.direct;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.Progress;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Optional;

/**
 * The body of the image download as one stream: a connection that breaks (or ends before the announced length) is
 * resumed with an HTTP range request from the bytes already delivered, so that whoever reads it (the ingest's tee
 * and the metadata scanner) sees one continuous pass. Refuses to deliver more than the size cap.
 */
final class ResumingBody extends InputStream {
    static final int ATTEMPTS = 3;

    private final DirectHttp http;
    private final URI url;
    private final long length;
    private final long max;
    private InputStream in;
    private long position;
    private int resumes;

    /**
     * @param first  the 200 response whose body this continues
     * @param length the announced length, -1 when unknown
     * @param max    the size cap ({@code images.direct_max_size})
     */
    ResumingBody(DirectHttp http, DirectHttp.Answer first, long length, long max) {
        this.http = http;
        this.url = first.url();
        this.in = first.response().body();
        this.length = length;
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
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
                if (Progress.interrupted(e)) {
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
            if (position > max) {
                throw new EngineException("The image at " + url + " is larger than "
                        + DirectImporter.MAX_SIZE_KEY + " (" + max + " bytes)");
            }
            if (length >= 0 && position > length) {
                throw new EngineException("The image at " + url + " is longer than its Content-Length (" + length
                        + " bytes)");
            }
            return n;
        }
    }

    /** Reconnects with a range request from {@link #position}, or fails with the cause once attempts run out. */
    private void resume(IOException cause) {
        closeQuietly();
        if (++resumes >= ATTEMPTS) {
            throw DirectHttp.unreachable(url, cause);
        }
        DirectHttp.Answer answer = http.send("GET", url, "LXD-Image-URL", position);
        int status = answer.status();
        if (position > 0 && status == 200) {
            answer.discard();
            throw new EngineException("Download of " + url + " broke off and the server cannot resume it (no range"
                    + " support)");
        }
        if (status != (position > 0 ? 206 : 200)) {
            answer.discard();
            throw new EngineException("Cannot fetch " + url + ": HTTP " + status);
        }
        if (position > 0) {
            Optional<String> range = answer.response().headers().firstValue("Content-Range");
            if (range.isEmpty() || !range.get().trim().startsWith("bytes " + position + "-")) {
                answer.discard();
                throw new EngineException("Download of " + url + " cannot resume: the server answered a range"
                        + " request from byte " + position + " with " + range.orElse("no Content-Range"));
            }
        }
        in = answer.response().body();
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException ignored) {
            // the connection is gone anyway
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
