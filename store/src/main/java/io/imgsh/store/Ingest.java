package io.imgsh.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files being written into {@code tmp/} while their SHA-256 is computed: one part for a unified image, two
 * (metadata, rootfs) for a split one, hashed as one stream. Each part is locked while it exists so that a
 * sweep in another process leaves it alone; closing an unpublished ingest deletes its parts.
 *
 * <p>A <em>download</em> ingest ({@link Store#download}) names its parts after the image's fingerprint and may
 * {@link #keep} them when it fails, so that a later one (another run, after a kill) continues them: it finds what
 * they {@link #held}, and {@link #resumeAt} reads back and hashes the bytes it keeps (a digest cannot be saved). The
 * lock of its first part is held for the whole download, so no two ingests ever write one download. The calling thread
 * only reads (and whatever it does with the bytes, such as scanning the metadata through a {@link #tee}), while a
 * {@link ChunkWriter} thread hashes and writes, so the two overlap.
 */
public final class Ingest implements AutoCloseable {
    static final int BUFFER_SIZE = 1 << 20;

    /** The part files of the open ingests of this JVM (absolute, real directory). */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    private final Path tmpDir;
    private final String id = TmpNames.randomId();
    /** The fingerprint a download ingest's parts are named after; null for any other ingest. */
    private final String download;
    private final MessageDigest digest;
    private final List<Part> parts = new ArrayList<>();
    private final ChunkWriter writer;
    /** Bytes read through the tee collect here until the buffer is full: a decompressor may read byte by byte. */
    private ChunkWriter.Chunk pending;
    private int pendingLength;
    private String fingerprint;
    private boolean published;
    private boolean kept;
    private boolean resumed;

    Ingest(Path tmpDir) {
        this(tmpDir, null);
    }

    /** A download ingest of the image {@code download} (a fingerprint), or with {@code null} an ordinary one. */
    Ingest(Path tmpDir, String download) {
        this.tmpDir = tmpDir; // as BlobStore resolved it: absolute, real
        this.download = download;
        this.digest = ChunkWriter.sha256();
        this.writer = new ChunkWriter(BUFFER_SIZE, digest);
        try {
            nextPart();
            if (download != null && current().held == 0) {
                // a rootfs part is only ever started after a complete metadata part: without one it is stale
                Files.deleteIfExists(tmpDir.resolve(TmpNames.download(download, 1)));
            }
        } catch (IOException e) {
            kept = true; // what an earlier download left stays as it was
            throw closing(new UncheckedIOException("Cannot prepare the download in " + tmpDir + ": "
                    + e.getMessage(), e));
        } catch (RuntimeException e) {
            kept = download != null;
            throw closing(e);
        }
    }

    /** Closes this ingest, which its constructor failed to finish, and returns {@code failure} to throw. */
    private RuntimeException closing(RuntimeException failure) {
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
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
        settle();
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
        parts.add(download == null ? Part.create(tmpDir, id, parts.size()) : Part.open(tmpDir, download, parts.size()));
    }

    /**
     * The bytes the current part of a download ingest held when this ingest opened it, left by an earlier one that
     * broke off; 0 for a new part and for an ordinary ingest. They are a prefix of the file as far as that one got:
     * whoever continues them checks them against the size the source announces, and the fingerprint checks them all.
     */
    public long held() {
        return current().held;
    }

    /**
     * What {@link #held} will say of the next part once {@link #nextPart} opens it (0 for an ordinary ingest, and
     * once an image has two parts): a question, which opens nothing. The first part's lock keeps every other ingest
     * off the download's files, so the answer stays true until then.
     */
    public long heldInNextPart() throws IOException {
        if (download == null || parts.size() == 2) {
            return 0;
        }
        Path next = tmpDir.resolve(TmpNames.download(download, parts.size()));
        try {
            BasicFileAttributes attributes = Files.readAttributes(next, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes.size() : 0;
        } catch (NoSuchFileException none) {
            return 0;
        }
    }

    /**
     * Starts the current part at byte {@code from} (0, or at most {@link #held}): its first {@code from} bytes are
     * kept, read back and hashed, and what follows them dropped; the next bytes drained continue them. A part that is
     * read without this starts at 0. Dropping any of the metadata part's bytes drops a held rootfs part too. An
     * interrupt while the kept bytes are read back ends it with an {@link InterruptedIOException} and leaves the
     * part as it was, locked; a read that fails is a {@link StoreReadException}: neither means the bytes are wrong.
     */
    public void resumeAt(long from) throws IOException {
        requireOpen();
        Part part = current();
        if (part.settled || from < 0 || from > part.held) {
            throw new IllegalStateException("cannot resume at " + from + " of " + part.held + " held bytes");
        }
        if (Thread.currentThread().isInterrupted()) {
            // an interruptible channel operation would close the part, and so drop the download's lock
            throw new InterruptedIOException("ingest interrupted");
        }
        part.settled = true;
        if (from < part.held) {
            part.channel.truncate(from);
            if (parts.size() == 1) {
                Files.deleteIfExists(tmpDir.resolve(TmpNames.download(download, 1)));
            }
        }
        part.channel.position(from); // before the long re-hash, which only waits on this thread
        for (long pos = 0; pos < from; ) {
            ChunkWriter.Chunk chunk = writer.take();
            int n = (int) Math.min(chunk.bytes.length, from - pos);
            writer.submitReadBack(chunk, n, part.channel, pos, part != parts.get(0) && pos == 0);
            part.started = true;
            pos += n;
        }
        writer.drain(); // a kept byte that cannot be read fails here, before anything is added to them
        part.written = from;
        resumed |= from > 0;
    }

    /** Whether a part continued bytes held from an earlier download ({@link #resumeAt} a positive offset). */
    public boolean resumed() {
        return resumed;
    }

    /**
     * Keeps the parts of this unpublished download ingest when it closes, unlocked, for a later one to continue (an
     * empty part is not kept); otherwise closing deletes them as it does any ingest's.
     */
    public void keep() {
        if (download == null) {
            throw new IllegalStateException("only a download ingest is kept");
        }
        kept = true;
    }

    /** A part of a download ingest that nobody {@link #resumeAt resumed} starts at 0. */
    private void settle() throws IOException {
        if (!current().settled) {
            resumeAt(0);
        }
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
        settle();
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
                if (!published && (!kept || keptSize(p.file) == 0)) {
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
     * The size of a kept part, read by name rather than through its channel (an interrupted thread closes a channel
     * it uses); 0 when it is gone.
     */
    private static long keptSize(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException gone) {
            return 0;
        }
    }

    /**
     * Whether {@code file} is a part of an open ingest of this JVM. A sweep must not even open such a file: POSIX
     * locks belong to the process, and closing any descriptor of the file would release the ingest's lock.
     */
    static boolean isLive(Path file) {
        return LIVE.contains(file);
    }

    /**
     * Registers {@code file} as live for a clean-up of this JVM about to open it; false (nothing registered) when an
     * ingest or another clean-up has it. Registering first makes the check and the opening one step: an ingest
     * that comes after finds the file taken (busy) instead of locking it while the clean-up's channel is open.
     */
    static boolean claim(Path file) {
        return LIVE.add(file);
    }

    /** Ends a {@link #claim}. */
    static void release(Path file) {
        LIVE.remove(file);
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
        /** The bytes a download's part held when it was opened. */
        long held;
        /** Whether the bytes written next go after {@link #written}: false until a held part is resumed or dropped. */
        boolean settled = true;

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

        /**
         * Part {@code index} of the download of {@code fingerprint}, with what an earlier download left in it; refused
         * while another ingest or a clean-up (of this JVM or another process) has it. The file is known by its inode:
         * one that another process removed (and a third created again) between our opening and our lock is not
         * taken for the one the path names.
         */
        static Part open(Path dir, String fingerprint, int index) {
            Path file = dir.resolve(TmpNames.download(fingerprint, index));
            IOException failure = null;
            for (int attempt = 0; attempt < TmpNames.PART_ATTEMPTS; attempt++) {
                if (!LIVE.add(file)) {
                    throw new DownloadBusyException(fingerprint);
                }
                FileChannel channel = null;
                Part part = null;
                boolean busy = false;
                try {
                    Object before = fileKey(file);
                    channel = before == null
                            ? FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                                    StandardOpenOption.WRITE)
                            : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                                    LinkOption.NOFOLLOW_LINKS);
                    if (before == null) {
                        before = fileKey(file);
                    }
                    FileLock lock = channel.tryLock();
                    busy = lock == null;
                    if (!busy && before != null && before.equals(fileKey(file))) {
                        long held = channel.size();
                        part = new Part(file, channel);
                        part.held = held;
                        part.settled = false;
                        return part;
                    }
                    failure = new IOException("temporary file " + file + " was replaced while being opened");
                } catch (OverlappingFileLockException lockedInThisJvm) {
                    busy = true;
                } catch (IOException e) {
                    failure = e; // removed or created by another process meanwhile: try again
                } finally {
                    if (part == null) {
                        closeQuietly(channel);
                        LIVE.remove(file);
                    }
                }
                if (busy) {
                    throw new DownloadBusyException(fingerprint);
                }
            }
            throw new UncheckedIOException("Cannot create a temporary file in " + dir + ": " + failure.getMessage(),
                    failure);
        }

        /** The inode of {@code file} itself (not of a link's target); null when there is no such file. */
        private static Object fileKey(Path file) throws IOException {
            try {
                return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            } catch (NoSuchFileException none) {
                return null;
            }
        }

        private static void closeQuietly(FileChannel channel) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing was written
                }
            }
        }
    }
}
