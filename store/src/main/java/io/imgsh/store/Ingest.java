package io.imgsh.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files being written into {@code tmp/} while their SHA-256 is computed: one part for a unified image, two
 * (metadata, rootfs) for a split one, hashed as one stream. Each part is locked while it exists so that a
 * sweep in another process leaves it alone; closing an unpublished ingest deletes its parts. The calling thread
 * only reads (and whatever it does with the bytes, such as scanning the metadata through a {@link #tee}), while a
 * {@link ChunkWriter} thread hashes and writes, so the two overlap.
 */
public final class Ingest implements AutoCloseable {
    static final int BUFFER_SIZE = 1 << 20;

    /** The part files of the open ingests of this JVM (absolute, real directory). */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    private final Path tmpDir;
    private final String id = UUID.randomUUID().toString();
    private final MessageDigest digest;
    private final List<Part> parts = new ArrayList<>();
    private final ChunkWriter writer;
    /** Bytes read through the tee collect here until the buffer is full: a decompressor may read byte by byte. */
    private ChunkWriter.Chunk pending;
    private int pendingLength;
    private String fingerprint;
    private boolean published;

    Ingest(Path tmpDir) {
        this.tmpDir = tmpDir; // as BlobStore resolved it: absolute, real
        this.digest = ChunkWriter.sha256();
        this.writer = new ChunkWriter(BUFFER_SIZE, digest);
        try {
            nextPart();
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /**
     * A stream that writes every byte read through it into the current part. It may itself be passed to
     * {@link #drain} afterwards: its remaining bytes are then written once.
     */
    public InputStream tee(InputStream source) {
        return new Tee(source);
    }

    /**
     * Copies the rest of {@code source} into the current part; returns the number of bytes copied. {@code source}
     * is either the stream a {@link #tee} reads from or the tee itself (not a stream wrapping the tee, whose
     * buffered bytes were already written).
     */
    public long drain(InputStream source) throws IOException {
        InputStream from = source instanceof Tee t && t.owner() == this ? t.source : source;
        requireOpen();
        flush();
        Part part = current();
        long total = 0;
        boolean end = false;
        while (!end) {
            ChunkWriter.Chunk chunk = writer.take();
            int n = 0;
            try {
                while (n < chunk.bytes.length) {
                    int read = from.read(chunk.bytes, n, chunk.bytes.length - n);
                    if (read < 0) {
                        end = true;
                        break;
                    }
                    n += read;
                }
            } catch (IOException | RuntimeException e) {
                // Keep what arrived before the failure: partSize() counts every byte the part received.
                submit(chunk, n, part);
                part.written += n;
                throw e;
            }
            submit(chunk, n, part);
            part.written += n;
            total += n;
        }
        return total;
    }

    /** Starts the second (rootfs) part of a split image. */
    public void nextPart() {
        if (fingerprint != null || parts.size() == 2) {
            throw new IllegalStateException("an image has at most two parts");
        }
        flush();
        parts.add(Part.create(tmpDir, id, parts.size()));
    }

    /** Flushes and fsyncs the parts and returns the fingerprint: SHA-256 of all parts in order, lowercase hex. */
    public String finish() throws IOException {
        if (fingerprint == null) {
            flush();
            writer.drain();
            for (Part p : parts) {
                p.channel.force(true);
            }
            fingerprint = HexFormat.of().formatHex(digest.digest());
        }
        return fingerprint;
    }

    /**
     * The SHA-256 of the current part's bytes so far, lowercase hex: what a server publishes for each file of a split
     * image. Waits until they are hashed; costs no second pass over the bytes.
     */
    public String partSha256() throws IOException {
        requireOpen();
        flush();
        writer.drain();
        if (!current().started && parts.size() > 1) {
            return HexFormat.of().formatHex(ChunkWriter.sha256().digest());
        }
        return HexFormat.of().formatHex(writer.partDigest());
    }

    /**
     * The bytes written into the current part so far, including those read before a failed {@link #drain}: where a
     * resumed download of this part continues.
     */
    public long partSize() {
        return current().written;
    }

    public long size() {
        return parts.stream().mapToLong(p -> p.written).sum();
    }

    public boolean split() {
        return parts.size() == 2;
    }

    List<Path> partFiles() {
        return parts.stream().map(p -> p.file).toList();
    }

    void published() {
        published = true;
    }

    /** Copies the bytes into the pending buffer, handing each full one to the threads that hash and write. */
    private void write(byte[] b, int off, int len) throws IOException {
        requireOpen();
        for (int done = 0; done < len; ) {
            if (pending == null) {
                pending = writer.take();
                pendingLength = 0;
            }
            int n = Math.min(len - done, pending.bytes.length - pendingLength);
            System.arraycopy(b, off + done, pending.bytes, pendingLength, n);
            pendingLength += n;
            done += n;
            if (pendingLength == pending.bytes.length) {
                flush();
            }
        }
        current().written += len;
    }

    /** Hands the pending buffer, however full, to the current part. */
    private void flush() {
        if (pending != null) {
            submit(pending, pendingLength, current());
            pending = null;
        }
    }

    private void submit(ChunkWriter.Chunk chunk, int length, Part part) {
        writer.submit(chunk, length, part.channel, !part.started && part != parts.get(0));
        part.started = true;
    }

    private void requireOpen() {
        if (fingerprint != null) {
            throw new IllegalStateException("the ingest is finished");
        }
    }

    private Part current() {
        return parts.get(parts.size() - 1);
    }

    @Override
    public void close() {
        writer.close();
        IOException failure = null;
        for (Part p : parts) {
            try {
                if (!published) {
                    Files.deleteIfExists(p.file);
                }
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            } finally {
                try {
                    p.channel.close();
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
                LIVE.remove(p.file);
            }
        }
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * Whether {@code file} is a part of an open ingest of this JVM. A sweep must not even open such a file: POSIX
     * locks belong to the process, and closing any descriptor of the file would release the ingest's lock.
     */
    static boolean isLive(Path file) {
        return LIVE.contains(file);
    }

    /** The stream returned by {@link #tee}. */
    private final class Tee extends BlockInputStream {
        private final InputStream source;

        Tee(InputStream source) {
            this.source = source;
        }

        Ingest owner() {
            return Ingest.this;
        }


        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = source.read(b, off, len);
            if (n > 0) {
                write(b, off, n);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    /** One locked temporary file. */
    private static final class Part {
        final Path file;
        final FileChannel channel;
        long written;
        /** Whether a chunk of this part was handed to the writer (the first one starts the part's own digest). */
        boolean started;

        private Part(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        static Part create(Path dir, String ingestId, int index) {
            IOException failure = null;
            // A sweep in another process may take the new file between its creation and our lock; then try
            // again under another name.
            for (int attempt = 0; attempt < TmpNames.PART_ATTEMPTS; attempt++) {
                Path file = dir.resolve(TmpNames.part(ingestId, index, attempt));
                LIVE.add(file); // before the file exists, so that a sweep of this JVM never sees it unregistered
                FileChannel channel = null;
                try {
                    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock();
                    if (lock.isValid() && Files.exists(file)) {
                        return new Part(file, channel);
                    }
                    failure = new IOException("temporary file " + file + " was removed while being created");
                } catch (IOException e) {
                    failure = e;
                }
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // the file is swept later if it is still there
                    }
                }
                LIVE.remove(file);
            }
            throw new UncheckedIOException("Cannot create a temporary file in " + dir + ": " + failure.getMessage(),
                    failure);
        }
    }
}
