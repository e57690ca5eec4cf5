package io.imgsh.engine.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.XZOutputStream;

/** Builds real tarballs in memory from (name, content) entries, in the order given. Shared with the shell tests. */
public final class TarBuilder {
    /** The metadata.yaml of {@link #containerImage}: its release is a bare YAML scalar, 1.0. */
    public static final String METADATA = metadataYaml("ImgshTest 1.0 unified", "1.0");

    /** metadata.yaml as the shared fixture script writes it, with the given description and release. */
    public static String metadata(String description, String release) {
        return metadataYaml(description, '"' + release + '"');
    }

    private static String metadataYaml(String description, String releaseScalar) {
        return """
                architecture: x86_64
                creation_date: 1700000000
                expiry_date: 0
                properties:
                  description: %s
                  os: imgshtest
                  release: %s
                  variant: default
                templates:
                  /etc/hostname:
                    when:
                    - create
                    - copy
                    template: hostname.tpl
                """.formatted(description, releaseScalar);
    }

    private static final java.util.Date MOD_TIME = new java.util.Date(1_700_000_000_000L);

    private record Entry(String name, byte type, byte[] content, String link) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** metadata.yaml, templates/hostname.tpl and a small container rootfs, each name after {@code prefix}. */
    public static TarBuilder containerImage(String prefix) {
        return containerImage(prefix, METADATA);
    }

    /** {@link #containerImage(String)} with {@code metadataYaml} as its metadata.yaml. */
    public static TarBuilder containerImage(String prefix, String metadataYaml) {
        return new TarBuilder()
                .file(prefix + "metadata.yaml", metadataYaml)
                .dir(prefix + "templates/")
                .file(prefix + "templates/hostname.tpl", "{{ container.name }}\n")
                .dir(prefix + "rootfs/")
                .dir(prefix + "rootfs/etc/")
                .file(prefix + "rootfs/etc/hostname", "imgsh-test\n");
    }

    public static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    public TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public TarBuilder file(String name, byte[] content) {
        entries.add(new Entry(name, TarConstants.LF_NORMAL, content, null));
        return this;
    }

    public TarBuilder dir(String name) {
        entries.add(new Entry(name, TarConstants.LF_DIR, new byte[0], null));
        return this;
    }

    public TarBuilder symlink(String name, String target) {
        entries.add(new Entry(name, TarConstants.LF_SYMLINK, new byte[0], target));
        return this;
    }

    public TarBuilder hardlink(String name, String target) {
        entries.add(new Entry(name, TarConstants.LF_LINK, new byte[0], target));
        return this;
    }

    /** A PAX extended header ({@code x}) with {@code records} in order, for the entry after it. */
    public TarBuilder paxHeader(Map<String, String> records) {
        StringBuilder content = new StringBuilder();
        records.forEach((key, value) -> {
            String rest = " " + key + "=" + value + "\n";
            int length = rest.length() + 1;
            while (length != rest.length() + Integer.toString(length).length()) {
                length = rest.length() + Integer.toString(length).length();
            }
            content.append(length).append(rest);
        });
        entries.add(new Entry("PaxHeaders/entry", TarConstants.LF_PAX_EXTENDED_HEADER_LC,
                content.toString().getBytes(StandardCharsets.UTF_8), null));
        return this;
    }

    public byte[] tar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            for (Entry entry : entries) {
                // Names are written exactly as given: absolute, and directories without a trailing
                // slash (as Go's archive/tar may write them), must reach the reader unchanged.
                TarArchiveEntry header = new TarArchiveEntry(entry.name(), entry.type(), true);
                header.setName(entry.name());
                header.setSize(entry.content().length);
                // A fixed time keeps the bytes, and so the fingerprints, the same from run to run.
                header.setModTime(MOD_TIME);
                if (entry.link() != null) {
                    header.setLinkName(entry.link());
                }
                out.putArchiveEntry(header);
                out.write(entry.content());
                out.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A tarball of {@code times} copies of {@code chunk} (whose length is a multiple of 512) as the entry {@code name},
     * then the entries of {@code rest}, compressed as {@code kind} says (a kind that decompresses concatenated
     * streams): the chunk is compressed once and its stream repeated, so that a large entry is cheap to build.
     */
    public static byte[] repeatedEntryThen(String name, byte[] chunk, int times, TarBuilder rest, Compression kind) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize((long) chunk.length * times);
        entry.setModTime(MOD_TIME);
        byte[] header = new byte[TarConstants.DEFAULT_RCDSIZE];
        entry.writeEntryHeader(header);
        byte[] compressedChunk = compress(chunk, kind);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(compress(header, kind));
        for (int i = 0; i < times; i++) {
            bytes.writeBytes(compressedChunk);
        }
        bytes.writeBytes(compress(rest.tar(), kind));
        return bytes.toByteArray();
    }

    public byte[] build(Compression kind) {
        return compress(tar(), kind);
    }

    public static byte[] compress(byte[] data, Compression kind) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compressor(bytes, kind)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static OutputStream compressor(OutputStream out, Compression kind) throws IOException {
        return switch (kind) {
            case GZIP -> new GzipCompressorOutputStream(out);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
            case XZ -> new XZOutputStream(out, new LZMA2Options());
            case LZMA -> new LZMAOutputStream(out, new LZMA2Options(), -1);
            case ZSTD -> new ZstdCompressorOutputStream(out);
            case NONE -> out;
            case SQUASHFS, QCOW2 -> throw new IllegalArgumentException(kind + " is not a tarball");
        };
    }
}
