package io.imgsh.engine.format;

import io.imgsh.engine.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.io.function.IOSupplier;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * One forward pass over an image or metadata tarball. Entry names are checked as they are read, sparse files
 * (which images never hold) are refused before their maps are read, and decompressor and tar failures become
 * one-line {@link InvalidInputException}s; failures of the caller's own stream stay {@link IOException}s. Closing
 * releases the decompressor but never closes the caller's stream.
 */
public final class ImageTarball implements Closeable {
    private final String label;
    private final InputStream data;
    private final TarArchiveInputStream tar;

    private ImageTarball(String label, InputStream data) {
        this.label = label;
        this.data = data;
        this.tar = BoundedHeaders.over(data, label);
    }

    /**
     * Detects the compression from the first bytes of {@code raw} and opens the tar inside it.
     *
     * @param label what the file is, for messages: "image tarball" or "metadata tarball"
     */
    public static ImageTarball open(InputStream raw, String label) throws IOException {
        return open(raw, label, DecompressionLimit.NONE);
    }

    /** {@link #open(InputStream, String)} refusing to decompress more than {@code limit} allows. */
    static ImageTarball open(InputStream raw, String label, DecompressionLimit limit) throws IOException {
        BoundedInputStream source = BoundedInputStream.builder().setInputStream(new CallerStream(raw)).get();
        byte[] head = guard(label, () -> source.readNBytes(Compression.HEAD_BYTES));
        Compression kind = Compression.detect(head, head.length);
        if (!kind.isTarball()) {
            throw new InvalidInputException("A " + kind.extension().substring(1)
                    + " file can only be the rootfs of a split image, not its " + label);
        }
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), source);
        InputStream decompressor = guard(label, () -> kind.decompress(whole));
        return new ImageTarball(label, new DecompressedStream(decompressor, source::getCount, limit, label));
    }

    /** The next entry, or null at the end of the archive. */
    public TarArchiveEntry next() throws IOException {
        TarArchiveEntry entry = guard(label, tar::getNextEntry);
        if (entry != null && EntryNames.isUnsafe(entry.getName())) {
            throw new InvalidInputException("Unsafe path in image tarball: " + Messages.printable(entry.getName()));
        }
        if (entry != null && entry.isSparse()) {
            throw sparse(label, entry);
        }
        return entry;
    }

    /** The content of the current entry, which must be metadata.yaml as a regular file of at most 1 MiB. */
    byte[] readMetadataYaml(TarArchiveEntry entry) throws IOException {
        if (!isRegularFile(entry)) {
            throw new InvalidInputException("Cannot read non-regular file \"" + Messages.printable(entry.getName()) + "\"");
        }
        int limit = MetadataReader.MAX_METADATA_BYTES;
        if (entry.getSize() > limit) {
            throw new InvalidInputException(MetadataReader.TOO_LARGE);
        }
        byte[] content = guard(label, () -> tar.readNBytes(limit + 1));
        if (content.length > limit) {
            throw new InvalidInputException(MetadataReader.TOO_LARGE);
        }
        return content;
    }

    /**
     * Copies the content of the current entry to {@code out}; a truncated or corrupt archive fails as {@link #next}
     * does.
     */
    public void copyContent(OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = guard(label, () -> tar.read(buffer))) >= 0; ) {
            out.write(buffer, 0, n);
        }
    }

    /** Reads the compressed stream to its end, so a truncated or corrupt tail is noticed. */
    public void drain() throws IOException {
        guard(label, () -> data.transferTo(OutputStream.nullOutputStream()));
    }

    // Go's archive/tar, which LXD uses, reports both of these as TypeReg; symlinks, hard links,
    // directories and devices are not regular.
    public static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    private static InvalidInputException sparse(String label, TarArchiveEntry entry) {
        return new InvalidInputException("The " + label + " contains a sparse file ("
                + Messages.printable(entry.getName()) + "), which images do not use");
    }

    /**
     * Refuses what commons-compress would read into memory without a limit of its own: GNU long-name/long-link and
     * PAX header entries over 1 MiB (Go's archive/tar, which LXD uses, has this limit) and the maps of sparse files,
     * which can be as long as the archive (a PAX 1.0 map in the entry's data, old GNU extension records).
     */
    private static final class BoundedHeaders extends TarArchiveInputStream {
        private static final long MAX_HEADER_ENTRY = 1 << 20;
        private static final int TYPE_OFFSET = 156;
        private static final int SIZE_OFFSET = 124;
        private static final int SIZE_LENGTH = 12;

        private BoundedHeaders(NoSparseData in) {
            super(in);
        }

        static BoundedHeaders over(InputStream data, String label) {
            NoSparseData in = new NoSparseData(data, label);
            BoundedHeaders tar = new BoundedHeaders(in);
            in.reader = tar;
            return tar;
        }

        @Override
        protected byte[] readRecord() throws IOException {
            byte[] record = super.readRecord();
            if (record != null && record.length > TYPE_OFFSET && isHeaderEntry(record[TYPE_OFFSET])
                    && size(record) > MAX_HEADER_ENTRY) {
                throw new IOException("tar header entry larger than 1 MiB");
            }
            return record;
        }

        private static long size(byte[] record) throws IOException {
            try {
                return TarUtils.parseOctalOrBinary(record, SIZE_OFFSET, SIZE_LENGTH);
            } catch (IllegalArgumentException e) {
                throw new IOException("corrupt tar header: " + e.getMessage(), e);
            }
        }

        private static boolean isHeaderEntry(byte type) {
            return type == TarConstants.LF_GNUTYPE_LONGNAME || type == TarConstants.LF_GNUTYPE_LONGLINK
                    || type == TarConstants.LF_PAX_EXTENDED_HEADER_LC || type == TarConstants.LF_PAX_EXTENDED_HEADER_UC
                    || type == TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER;
        }
    }

    /**
     * The tarball's bytes as the tar reader reads them, refused while its current entry is sparse: the reader knows
     * an entry is sparse (from its type, or its PAX header once applied) before it reads a PAX 1.0 map or old GNU
     * extension records, so refusing then keeps them out of memory. Sparse entries whose maps sit in their (bounded)
     * headers are refused by {@link #next} once read.
     */
    private static final class NoSparseData extends FilterInputStream {
        private final String label;
        private TarArchiveInputStream reader;

        NoSparseData(InputStream in, String label) {
            super(in);
            this.label = label;
        }

        @Override
        public int read() throws IOException {
            refuseSparse();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            refuseSparse();
            return in.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            refuseSparse();
            return in.skip(n);
        }

        private void refuseSparse() {
            TarArchiveEntry current = reader.getCurrentEntry();
            if (current != null && current.isSparse()) {
                throw sparse(label, current);
            }
        }
    }

    private static <T> T guard(String label, IOSupplier<T> read) throws IOException {
        try {
            return read.get();
        } catch (IOException e) {
            IOException callers = CallerStream.failureIn(e);
            if (callers != null) {
                throw callers;
            }
            throw new InvalidInputException("Truncated or corrupt " + label + ": " + Messages.cause(e), e);
        }
    }
}
