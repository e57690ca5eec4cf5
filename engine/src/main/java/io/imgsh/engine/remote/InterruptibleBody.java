package io.imgsh.engine.remote;

import io.imgsh.engine.config.ConfigKey;
import io.imgsh.store.BlockInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as a stream, whose blocking read ends when the reading thread is interrupted (Ctrl-C), with
 * an {@link InterruptedIOException}, and cancels the transfer. JDK 17's {@code BodyHandlers.ofInputStream()} swallows
 * the interrupt while it waits for the network, so a download stalled on the network would ignore Ctrl-C until
 * data came. One list of buffers is requested ahead of the reader, so the network keeps flowing while it works.
 *
 * <p>The {@link TransferLimits} in time are kept here: a read fails with a {@link TransferLimitException} after one
 * stall timeout of waiting without any data, or when less than the minimum rate arrived over a stall timeout of
 * waiting. Only the time the reader spends waiting for the network counts, so a slow reader (a disk, a decompressor)
 * is never taken for a slow server.
 */
final class InterruptibleBody extends BlockInputStream implements HttpResponse.BodySubscriber<InputStream> {
    /** Marks the end of the body in the queue: its own instance, never one the client could hand over. */
    private static final List<ByteBuffer> END = new ArrayList<>(0);

    private final String host;
    private final TransferLimits limits;
    private final BlockingQueue<List<ByteBuffer>> lists = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    private volatile Throwable failure;
    private Iterator<ByteBuffer> current = List.<ByteBuffer>of().iterator();
    private ByteBuffer buffer = ByteBuffer.allocate(0);
    private boolean ended;
    /** Nanoseconds waited for the network in the current rate window, and the bytes that arrived in it. */
    private long windowWaited;
    private long windowBytes;

    /** @param host the server ({@code host:port}) that the errors name */
    InterruptibleBody(String host, TransferLimits limits) {
        this.host = host;
        this.limits = limits;
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        lists.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        lists.add(END);
    }

    @Override
    public void onComplete() {
        lists.add(END);
    }


    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        if (len == 0) {
            return 0;
        }
        while (!buffer.hasRemaining()) {
            if (current.hasNext()) {
                buffer = current.next();
                continue;
            }
            if (ended || !next()) {
                return -1;
            }
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    /** Waits for the next list of buffers; false at the end of the body. */
    private boolean next() throws IOException {
        List<ByteBuffer> list;
        try {
            list = take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterruptedIOException("interrupted while waiting for the network");
        } catch (TransferLimitException e) {
            close();
            throw e;
        }
        if (list == END) {
            ended = true;
            if (failure != null) {
                throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
            }
            return false;
        }
        current = list.iterator();
        subscription.request(1);
        return true;
    }

    /**
     * The next list from the client, within the limits in time: the rate is judged when data comes, so a server
     * that goes quiet is reported as stalled, one that trickles as too slow.
     */
    private List<ByteBuffer> take() throws InterruptedException, TransferLimitException {
        long window = limits.stallTimeout().toNanos();
        long start = System.nanoTime();
        List<ByteBuffer> list = lists.poll(window, TimeUnit.NANOSECONDS);
        if (list == null) {
            throw new TransferLimitException("Download from " + host + " stalled: no data for "
                    + seconds(limits.stallTimeout()));
        }
        if (list == END) {
            return list; // a body that is complete is never too slow
        }
        windowWaited += System.nanoTime() - start;
        windowBytes += list.stream().mapToLong(ByteBuffer::remaining).sum();
        if (windowWaited >= window) {
            if (windowBytes < limits.minBytesPerWindow()) {
                throw new TransferLimitException("Download from " + host + " is too slow: " + windowBytes
                        + " bytes in " + seconds(limits.stallTimeout()) + ", less than "
                        + ConfigKey.DOWNLOAD_MIN_RATE.key() + " (" + limits.minRate() + " bytes/s)");
            }
            windowWaited = 0;
            windowBytes = 0;
        }
        return list;
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    @Override
    public void close() {
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null && !ended) {
            s.cancel();
        }
    }
}
