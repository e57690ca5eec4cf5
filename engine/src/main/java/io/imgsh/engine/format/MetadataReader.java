package io.imgsh.engine.format;

import io.imgsh.engine.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** Reads and validates the metadata of image files being imported, as LXD's getImageMetadata does. */
public final class MetadataReader {
    public static final int MAX_METADATA_BYTES = 1 << 20;

    static final String TOO_LARGE = "metadata.yaml is larger than 1 MiB";
    private static final String MISSING = "Metadata tarball is missing metadata.yaml";
    /** LXD's words (its database knows no type for such an image), then what they mean. */
    static final String NO_ROOTFS = "Invalid instance type: the image tarball has no rootfs/ or rootfs.img"
            + " (is it the metadata tarball of a split image?)";
    private static final String TEMPLATES_DIR = "templates/";
    /**
     * What a metadata tarball's templates/ may hold, since the names are kept until metadata.yaml (which may come
     * last) says which are needed: a few kilobytes of xz can hold a million empty files or megabytes of names.
     */
    static final int MAX_TEMPLATE_FILES = 4096;
    static final String TOO_MANY_TEMPLATES = "The metadata tarball has too many files under templates/ (at most "
            + MAX_TEMPLATE_FILES + ", with names of 1 MiB in all)";

    /**
     * How far the scan of a unified image may decompress. Its metadata.yaml may follow a rootfs of any size
     * ({@code lxc image import DIR} packs rootfs, templates, metadata.yaml in that order), so the scan cannot stop at
     * a size; what it bounds is how much the data expands: past 64 MiB, at most 50,000 bytes for each compressed
     * byte. A real rootfs may hold gigabytes of zeros (a preallocated file, a raw disk), and zeros expand up to 1,000
     * times from gzip, 7,000 from xz and 32,768 from zstd (a block of one byte repeated); only bzip2's run-length
     * stage expands further, a millionfold, which is what bombs use.
     */
    static final DecompressionLimit UNIFIED_SCAN = DecompressionLimit.ratio(64L << 20, 50_000);
    /** A metadata tarball holds metadata.yaml and templates: kilobytes. */
    static final DecompressionLimit METADATA_TARBALL = DecompressionLimit.total(256L << 20);

    private MetadataReader() {
    }

    /**
     * Unified tarball: detects the compression from the stream's first bytes and reads tar entries
     * only until metadata.yaml and the rootfs marker ({@code rootfs/…} → container, {@code rootfs.img}
     * → virtual machine) have both been seen. Without a marker (the metadata tarball of a split image
     * given alone) it is refused, as LXD refuses it. Consumes no more of {@code raw} than that needs
     * (plus decompressor buffering) and does not close it. Data that expands more than {@link #UNIFIED_SCAN} allows
     * on the way is refused.
     *
     * @throws InvalidInputException for anything wrong with the image
     * @throws IOException           when reading {@code raw} itself fails
     */
    public static ScannedImage readUnified(InputStream raw) throws IOException {
        ImageMetadata metadata = null;
        ImageType type = null;
        try (ImageTarball tarball = ImageTarball.open(raw, "image tarball", UNIFIED_SCAN)) {
            TarArchiveEntry entry;
            while ((metadata == null || type == null) && (entry = tarball.next()) != null) {
                String name = EntryNames.withoutDotSlash(entry.getName());
                if (EntryNames.isMetadataYaml(name)) {
                    requireFirst(metadata, "image tarball");
                    metadata = parse(tarball.readMetadataYaml(entry));
                } else if (name.startsWith("rootfs/")) {
                    type = ImageType.CONTAINER;
                } else if (name.equals("rootfs.img")) {
                    type = ImageType.VIRTUAL_MACHINE;
                }
            }
        }
        if (metadata == null) {
            throw new InvalidInputException(MISSING);
        }
        if (type == null) {
            throw new InvalidInputException(NO_ROOTFS);
        }
        return new ScannedImage(metadata, type);
    }

    /**
     * Split image: reads the whole metadata tarball and checks that every template named in
     * metadata.yaml exists as {@code templates/<name>} in it. {@code rootfsKind} is the detected kind
     * of the rootfs file (QCOW2 → virtual machine, anything else → container); the rootfs itself is
     * never read. Does not close {@code metadataTarball}. A metadata tarball that decompresses to more than
     * {@link #METADATA_TARBALL} allows is refused.
     *
     * @throws InvalidInputException for anything wrong with the image
     * @throws IOException           when reading {@code metadataTarball} itself fails
     */
    public static ScannedImage readSplit(InputStream metadataTarball, Compression rootfsKind) throws IOException {
        Objects.requireNonNull(rootfsKind, "rootfsKind");
        return readSplit(metadataTarball,
                rootfsKind == Compression.QCOW2 ? ImageType.VIRTUAL_MACHINE : ImageType.CONTAINER);
    }

    /** {@link #readSplit(InputStream, Compression)} of an image whose sender said its {@code type}. */
    public static ScannedImage readSplit(InputStream metadataTarball, ImageType type) throws IOException {
        Objects.requireNonNull(type, "type");
        ImageMetadata metadata = null;
        Set<String> templateFiles = new HashSet<>();
        long namesLength = 0;
        try (ImageTarball tarball = ImageTarball.open(metadataTarball, "metadata tarball", METADATA_TARBALL)) {
            for (TarArchiveEntry entry; (entry = tarball.next()) != null; ) {
                String name = EntryNames.withoutDotSlash(entry.getName());
                if (EntryNames.isMetadataYaml(name)) {
                    requireFirst(metadata, "metadata tarball");
                    metadata = parse(tarball.readMetadataYaml(entry));
                } else if (name.startsWith(TEMPLATES_DIR) && ImageTarball.isRegularFile(entry)) {
                    String file = name.substring(TEMPLATES_DIR.length());
                    namesLength += file.length();
                    if (templateFiles.size() == MAX_TEMPLATE_FILES || namesLength > MAX_METADATA_BYTES) {
                        throw new InvalidInputException(TOO_MANY_TEMPLATES);
                    }
                    templateFiles.add(file);
                }
            }
            tarball.drain();
        }
        if (metadata == null) {
            throw new InvalidInputException(MISSING);
        }
        metadata.templates().forEach((path, template) -> {
            if (!templateFiles.contains(template.template())) {
                throw new InvalidInputException("Template file \"" + Messages.printable(template.template()) + "\" for "
                        + Messages.printable(path) + " is missing from the metadata tarball");
            }
        });
        return new ScannedImage(metadata, type);
    }

    /** Parses and validates one metadata.yaml document. */
    public static ImageMetadata parse(byte[] yaml) {
        return MetadataParser.parse(yaml);
    }

    // A second metadata.yaml (e.g. appended with tar -r) would make the image mean different things
    // to different readers.
    private static void requireFirst(ImageMetadata seen, String label) {
        if (seen != null) {
            throw new InvalidInputException("The " + label + " contains more than one metadata.yaml");
        }
    }
}
