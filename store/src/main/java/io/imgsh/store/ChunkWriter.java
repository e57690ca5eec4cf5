package io.imgsh.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes filled buffers to their files on a thread of its own, so that writing overlaps reading and hashing. A
 * fixed set of buffers circulates between the two threads, which bounds memory whatever the file size.
 */
final class ChunkWriter implements AutoCloseable {
    private static final int BUFFERS = 4;
    /** Flushing to disk as the file grows keeps the final fsync short; it runs while the reader keeps hashing. */
    private static final long FLUSH_EVERY = 16L << 20;
    private static final Chunk STOP = new Chunk(new byte[0]);

    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> pending = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread thread;
    private volatile IOException failure;

    ChunkWriter(int bufferSize) {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new Chunk(new byte[bufferSize]));
        }
        thread = new Thread(this::writeLoop, "imgsh-ingest-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** An empty buffer to fill; blocks while all are being written. */
    Chunk take() throws IOException {
        checkFailure();
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("ingest interrupted");
        }
    }

    /** Queues {@code length} bytes of the chunk for writing to {@code channel}. */
    void submit(Chunk chunk, int length, FileChannel channel) throws IOException {
        chunk.length = length;
        chunk.channel = channel;
        put(chunk);
    }

    /** Waits until everything submitted so far is written. */
    void drain() throws IOException {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(take());
        }
        checkFailure();
    }

    private void writeLoop() {
        long unflushed = 0;
        try {
            for (Chunk chunk; (chunk = pending.take()) != STOP; ) {
                if (failure == null) {
                    try {
                        ByteBuffer buffer = ByteBuffer.wrap(chunk.bytes, 0, chunk.length);
                        while (buffer.hasRemaining()) {
                            chunk.channel.write(buffer);
                        }
                        unflushed += chunk.length;
                        if (unflushed >= FLUSH_EVERY) {
                            chunk.channel.force(false);
                            unflushed = 0;
                        }
                    } catch (IOException e) {
                        failure = e;
                    }
                }
                free.add(chunk);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(Chunk chunk) throws IOException {
        try {
            pending.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("ingest interrupted");
        }
    }

    private void checkFailure() throws IOException {
        if (failure != null) {
            throw new IOException("Cannot write the image into the store: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        pending.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A buffer on its way between the reading and the writing thread. */
    static final class Chunk {
        final byte[] bytes;
        int length;
        FileChannel channel;

        Chunk(byte[] bytes) {
            this.bytes = bytes;
        }
    }
}
