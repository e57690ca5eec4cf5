package io.imgsh.shell.view;

import java.io.InputStream;

/**
 * The bytes typed at the terminal, handed from the thread that reads them to Lanterna's input decoder. Unlike
 * JLine's streams, {@link #available()} tells exactly what is queued, so that Lanterna can poll without blocking
 * and decodes an escape sequence only once all of it is here.
 */
final class ByteQueue extends InputStream {
    private byte[] buffer = new byte[256];
    private int head;
    private int size;
    private boolean closed;
    private boolean woken;

    /** Queues {@code bytes} as one unit: a reader sees all of them available at once. */
    synchronized void push(byte[] bytes, int length) {
        if (closed) {
            return;
        }
        if (size + length > buffer.length) {
            byte[] bigger = new byte[Math.max(buffer.length * 2, size + length)];
            for (int i = 0; i < size; i++) {
                bigger[i] = buffer[(head + i) % buffer.length];
            }
            buffer = bigger;
            head = 0;
        }
        for (int i = 0; i < length; i++) {
            buffer[(head + size + i) % buffer.length] = bytes[i];
        }
        size += length;
        notifyAll();
    }

    /** Ends {@link #await} early (a resize happened); the next call waits again. */
    synchronized void wake() {
        woken = true;
        notifyAll();
    }

    /** Waits until a byte is queued, {@link #wake} is called or {@code millis} pass; true if bytes are queued. */
    synchronized boolean await(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (size == 0 && !woken && !closed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        woken = false;
        return size > 0;
    }

    @Override
    public synchronized int read() {
        while (size == 0) {
            if (closed) {
                return -1;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        int b = buffer[head] & 0xff;
        head = (head + 1) % buffer.length;
        size--;
        return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int first = read();
        if (first < 0) {
            return -1;
        }
        b[off] = (byte) first;
        int n = 1;
        while (n < len && size > 0) {
            b[off + n++] = buffer[head];
            head = (head + 1) % buffer.length;
            size--;
        }
        return n;
    }

    /** The bytes queued; 1 once closed and empty, so that a poll goes on to read and sees the end of input. */
    @Override
    public synchronized int available() {
        return size == 0 && closed ? 1 : size;
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
