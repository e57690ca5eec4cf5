package io.imgsh.engine.format;

import io.imgsh.engine.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.io.OutputStream;
import java.util.Locale;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/** What a file is, from its magic bytes (LXD DetectCompressionFile rules, first 263 bytes). */
public enum Compression {
    GZIP(".tar.gz"),
    BZIP2(".tar.bz2"),
    XZ(".tar.xz"),
    LZMA(".tar.lzma"),
    ZSTD(".tar.zst"),
    NONE(".tar"),
    SQUASHFS(".squashfs"),
    QCOW2(".qcow2");

    /** How many leading bytes {@link #detect(byte[], int)} looks at: the tar magic ends at byte 262. */
    public static final int HEAD_BYTES = 263;

    // Every xz/lzma preset needs at most a 64 MiB dictionary; a header claiming far more is refused
    // instead of being allocated.
    private static final int MEMORY_LIMIT_KIB = 256 * 1024;

    private static final byte[] XZ_MAGIC_TAIL = {'7', 'z', 'X', 'Z'};

    private final String extension;

    Compression(String extension) {
        this.extension = extension;
    }

    /** The file name suffix LXD uses for this kind, e.g. {@code .tar.xz}. */
    public String extension() {
        return extension;
    }

    public boolean isTarball() {
        return this != SQUASHFS && this != QCOW2;
    }

    /**
     * Classifies a file from its first {@code length} bytes (up to {@link #HEAD_BYTES}), checking in
     * LXD's order.
     *
     * @throws InvalidInputException {@code Unsupported compression} when nothing matches
     */
    public static Compression detect(byte[] head, int length) {
        int n = Math.min(length, head.length);
        if (at(head, n, 0, 'B', 'Z')) {
            return BZIP2;
        }
        if (at(head, n, 0, 0x1f, 0x8b)) {
            return GZIP;
        }
        if (n >= 5 && Arrays.equals(head, 1, 5, XZ_MAGIC_TAIL, 0, 4)) {
            return (head[0] & 0xff) == 0xfd ? XZ : LZMA;
        }
        if (at(head, n, 0, 0x5d, 0x00, 0x00)) {
            return LZMA;
        }
        if (at(head, n, 257, 'u', 's', 't', 'a', 'r')) {
            return NONE;
        }
        if (at(head, n, 0, 'h', 's', 'q', 's')) {
            return SQUASHFS;
        }
        if (at(head, n, 0, 'Q', 'F', 'I')) {
            return QCOW2;
        }
        if (at(head, n, 0, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ZSTD;
        }
        throw new InvalidInputException("Unsupported compression");
    }

    /** Classifies a file by reading at most {@link #HEAD_BYTES} bytes of it. */
    public static Compression detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HEAD_BYTES);
            return detect(head, head.length);
        }
    }

    /**
     * Wraps {@code raw} in a streaming decompressor for this kind ({@link #NONE} returns {@code raw}
     * itself). Closing the result closes {@code raw}.
     *
     * @throws IllegalStateException for {@link #SQUASHFS} and {@link #QCOW2}, which are not tarballs
     */
    public InputStream decompress(InputStream raw) throws IOException {
        return switch (this) {
            case GZIP -> GzipCompressorInputStream.builder()
                    .setInputStream(raw)
                    .setDecompressConcatenated(true)
                    .get();
            case BZIP2 -> new BZip2CompressorInputStream(raw, true);
            case XZ -> new XZInputStream(raw, MEMORY_LIMIT_KIB);
            case LZMA -> new LZMAInputStream(raw, MEMORY_LIMIT_KIB);
            case ZSTD -> new ZstdCompressorInputStream(raw);
            case NONE -> raw;
            case SQUASHFS, QCOW2 -> throw new IllegalStateException(this + " is not a tarball");
        };
    }

    /**
     * The kind {@code lxc publish --compression} and {@code images.compression_algorithm} name: gzip, bzip2, xz,
     * lzma, zstd or none.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Compression named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gzip" -> GZIP;
            case "bzip2" -> BZIP2;
            case "xz" -> XZ;
            case "lzma" -> LZMA;
            case "zstd" -> ZSTD;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("unsupported compression \"" + name
                    + "\" (gzip, bzip2, xz, lzma, zstd or none)");
        };
    }

    /**
     * Wraps {@code raw} in a compressor of this kind at the level its command-line tool uses by default
     * ({@link #NONE} returns {@code raw} itself). Closing the result finishes the stream and closes {@code raw}.
     */
    public OutputStream compress(OutputStream raw) throws IOException {
        return switch (this) {
            case GZIP -> new GzipCompressorOutputStream(raw);
            case BZIP2 -> new BZip2CompressorOutputStream(raw);
            case XZ -> new XZOutputStream(raw, new LZMA2Options());
            case LZMA -> new LZMAOutputStream(raw, new LZMA2Options(), -1);
            case ZSTD -> new ZstdCompressorOutputStream(raw, 3);
            case NONE -> raw;
            case SQUASHFS, QCOW2 -> throw new IllegalStateException(this + " is not a tarball");
        };
    }

    private static boolean at(byte[] head, int length, int offset, int... magic) {
        if (offset + magic.length > length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[offset + i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
