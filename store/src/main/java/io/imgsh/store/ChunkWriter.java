package io.imgsh.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hashes filled buffers on one thread and writes them to their files on another, so that reading (and metadata
 * scanning), hashing and writing all overlap. A fixed set of buffers circulates through the stages, which bounds
 * memory whatever the file size; the digest sees the bytes in submission order.
 */
final class ChunkWriter implements AutoCloseable {
    private static final int BUFFERS = 4;
    /** Flushing to disk as the file grows keeps the final fsync short; it runs while the others keep going. */
    private static final long FLUSH_EVERY = 4L << 20;
    private static final Chunk STOP = new Chunk(new byte[0]);

    private final MessageDigest digest;
    /** The digest of the current part alone, from the second part on (the first part's is {@link #digest}). */
    private MessageDigest partDigest;
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> toHash = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<Chunk> toWrite = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread hasher;
    private final Thread writer;
    private volatile IOException failure;

    ChunkWriter(int bufferSize, MessageDigest digest) {
        this.digest = digest;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new Chunk(new byte[bufferSize]));
        }
        hasher = start(this::hashLoop, "imgsh-ingest-hash");
        writer = start(this::writeLoop, "imgsh-ingest-write");
    }

    /** An empty buffer to fill; blocks while all are in the pipeline. */
    Chunk take() throws IOException {
        checkFailure();
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("ingest interrupted");
        }
    }

    /**
     * Queues {@code length} bytes of the chunk to be hashed and written to {@code channel} (null: only hashed, bytes
     * read back from a file). Never blocks: the queues hold every buffer in circulation, so a chunk is handed back
     * even by a thread being interrupted.
     */
    void submit(Chunk chunk, int length, FileChannel channel, boolean startsPart) {
        chunk.length = length;
        chunk.channel = channel;
        chunk.readFrom = null;
        chunk.startsPart = startsPart;
        toHash.add(chunk);
    }

    /**
     * Queues {@code length} bytes of {@code file} from {@code position} on to be read into the chunk and hashed (not
     * written): bytes an earlier ingest kept. The hashing thread reads them, so that an interrupt of the caller, which
     * closes an interruptible channel and with it the file's lock, never reaches {@code file}. A failed read
     * surfaces as a {@link StoreReadException} from the next {@link #take} or {@link #drain}.
     */
    void submitReadBack(Chunk chunk, int length, FileChannel file, long position, boolean startsPart) {
        chunk.length = length;
        chunk.channel = null;
        chunk.readFrom = file;
        chunk.position = position;
        chunk.startsPart = startsPart;
        toHash.add(chunk);
    }

    /** Waits until everything submitted so far is hashed and written; every buffer is handed back either way. */
    void drain() throws IOException {
        List<Chunk> all = new ArrayList<>(BUFFERS);
        try {
            for (int i = 0; i < BUFFERS; i++) {
                all.add(free.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("ingest interrupted");
        } finally {
            free.addAll(all);
        }
        checkFailure();
    }

    /**
     * The SHA-256 of the current part's bytes hashed so far: call after {@link #drain}. For the first part it is the
     * image's own digest, so a unified image is hashed once.
     */
    byte[] partDigest() {
        MessageDigest current = partDigest != null ? partDigest : digest;
        try {
            return ((MessageDigest) current.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void hashLoop() {
        try {
            for (Chunk chunk; (chunk = toHash.take()) != STOP; ) {
                if (chunk.readFrom != null && !readBack(chunk)) {
                    toWrite.add(chunk);
                    continue;
                }
                if (chunk.startsPart) {
                    partDigest = sha256();
                }
                digest.update(chunk.bytes, 0, chunk.length);
                if (partDigest != null) {
                    partDigest.update(chunk.bytes, 0, chunk.length);
                }
                toWrite.add(chunk);
            }
            toWrite.add(STOP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fills a read-back chunk from its file; false (the failure recorded) when that fails. */
    private boolean readBack(Chunk chunk) {
        if (failure != null) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(chunk.bytes, 0, chunk.length);
        try {
            while (buffer.hasRemaining()) {
                if (chunk.readFrom.read(buffer, chunk.position + buffer.position()) < 0) {
                    throw new EOFException("the file ends before byte " + (chunk.position + chunk.length));
                }
            }
            return true;
        } catch (IOException e) {
            failure = new StoreReadException(e);
            return false;
        }
    }

    private void writeLoop() {
        long unflushed = 0;
        try {
            for (Chunk chunk; (chunk = toWrite.take()) != STOP; ) {
                if (failure == null && chunk.channel != null) {
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

    private void checkFailure() throws IOException {
        IOException f = failure;
        if (f instanceof StoreReadException read) {
            throw read;
        }
        if (f != null) {
            throw new StoreWriteException(f);
        }
    }

    private static Thread start(Runnable loop, String name) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Stops both threads and waits for them, even when interrupted: the caller deletes the files next. */
    @Override
    public void close() {
        toHash.add(STOP);
        boolean interrupted = false;
        for (Thread thread : List.of(hasher, writer)) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A buffer on its way through the stages. */
    static final class Chunk {
        final byte[] bytes;
        int length;
        FileChannel channel;
        /** The file a read-back chunk is filled from, at {@link #position}; null for bytes to write. */
        FileChannel readFrom;
        long position;
        boolean startsPart;

        Chunk(byte[] bytes) {
            this.bytes = bytes;
        }
    }
}
