package io.imgsh.engine.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads the bodies of callers without a trusted certificate within bounds, so that they can neither fill the memory
 * nor hold the server's threads: at most {@code maxBytes} each (413 beyond), {@code readers} at once (503 to one more),
 * each in full within {@code time} (408 after). The body arrives asynchronously; the thread only waits for it.
 */
final class UntrustedBodies {
    private final int maxBytes;
    private final Semaphore readers;
    private final Duration time;

    UntrustedBodies(int maxBytes, int readers, Duration time) {
        this.maxBytes = maxBytes;
        this.readers = new Semaphore(readers);
        this.time = time;
    }

    /** The whole body of {@code request}, or the {@link ApiError} that says why it is not taken. */
    byte[] read(Request request) {
        if (request.getLength() > maxBytes) {
            throw tooLarge();
        }
        if (!readers.tryAcquire()) {
            throw new ApiError(503, "Too many requests from untrusted clients at once, try again later");
        }
        Arrival arrival = new Arrival(request);
        try {
            arrival.run();
            return arrival.body.get(time.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiError(408, "The request body did not arrive within " + shown(time));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ApiError refused ? refused : Call.unreadable(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "The server is stopping");
        } finally {
            arrival.abandon();
            readers.release();
        }
    }

    private ApiError tooLarge() {
        return new ApiError(413, "Request body too large: more than " + (maxBytes >> 10) + " KiB from an untrusted"
                + " client");
    }

    private static String shown(Duration d) {
        return d.toMillisPart() == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /**
     * A body taking the chunks Jetty has, and asking to be called again for more, until its end, a failure, or the
     * cap. Jetty's own {@code Content.Source.asByteArrayAsync} keeps a demand that outlives a request answered
     * before its body came, and then fails the finished (recycled) request; once abandoned, this one touches the
     * request no more.
     */
    private final class Arrival implements Runnable {
        private final Request request;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private boolean abandoned;

        Arrival(Request request) {
            this.request = request;
        }

        @Override
        public synchronized void run() {
            while (!abandoned && !body.isDone()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    body.completeExceptionally(chunk.getFailure());
                    return;
                }
                ByteBuffer buffer = chunk.getByteBuffer();
                if (bytes.size() + buffer.remaining() > maxBytes) {
                    body.completeExceptionally(tooLarge());
                } else {
                    byte[] part = new byte[buffer.remaining()];
                    buffer.get(part);
                    bytes.writeBytes(part);
                    if (chunk.isLast()) {
                        body.complete(bytes.toByteArray());
                    }
                }
                chunk.release();
            }
        }

        synchronized void abandon() {
            abandoned = true;
        }
    }
}
