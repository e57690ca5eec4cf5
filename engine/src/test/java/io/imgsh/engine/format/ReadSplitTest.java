package io.imgsh.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReadSplitTest {

    private static TarBuilder metadataTarball(String prefix) {
        return new TarBuilder()
                .file(prefix + "metadata.yaml", TarBuilder.METADATA)
                .dir(prefix + "templates/")
                .file(prefix + "templates/hostname.tpl", "{{ container.name }}\n");
    }

    private static ScannedImage read(byte[] metadata, Compression rootfsKind) throws IOException {
        return MetadataReader.readSplit(new ByteArrayInputStream(metadata), rootfsKind);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] metadata) {
        return assertThatThrownBy(() -> read(metadata, Compression.XZ))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "./"})
    void readsTheMetadataTarballAndChecksTemplates(String prefix) throws IOException {
        ScannedImage image = read(metadataTarball(prefix).build(Compression.XZ), Compression.XZ);

        assertThat(image.type()).isEqualTo(ImageType.CONTAINER);
        assertThat(image.metadata().architecture()).isEqualTo("x86_64");
        assertThat(image.metadata().templates().get("/etc/hostname"))
                .isEqualTo(new Template(List.of("create", "copy"), false, "hostname.tpl", Map.of()));
    }

    @ParameterizedTest
    @EnumSource(names = {"GZIP", "BZIP2", "XZ", "LZMA", "ZSTD", "NONE", "SQUASHFS", "QCOW2"})
    void typeFollowsTheRootfsKind(Compression rootfsKind) throws IOException {
        ImageType expected = rootfsKind == Compression.QCOW2 ? ImageType.VIRTUAL_MACHINE : ImageType.CONTAINER;
        assertThat(read(metadataTarball("").build(Compression.GZIP), rootfsKind).type()).isEqualTo(expected);
    }

    @Test
    void readsTheWholeMetadataTarball() throws IOException {
        byte[] metadata = metadataTarball("").build(Compression.XZ);
        TrackingStream raw = new TrackingStream(metadata);

        MetadataReader.readSplit(raw, Compression.SQUASHFS);

        assertThat(raw.consumed()).isEqualTo(metadata.length);
        assertThat(raw.closed()).isFalse();
    }

    @Test
    void aMetadataTarballOver256MiBIsRefused() {
        byte[] metadata = TarBuilder.repeatedEntryThen("templates/pad", new byte[8 << 20], 33, metadataTarball(""),
                Compression.GZIP);
        assertRejected(metadata).hasMessage(
                "The metadata tarball decompresses to more than 256 MiB, more than any metadata tarball needs");
    }

    @Test
    void missingTemplateFileIsRejected() {
        byte[] metadata = new TarBuilder().file("metadata.yaml", TarBuilder.METADATA).dir("templates/")
                .file("templates/other.tpl", "x").build(Compression.XZ);
        assertRejected(metadata)
                .hasMessage("Template file \"hostname.tpl\" for /etc/hostname is missing from the metadata tarball");
    }

    @Test
    void aSymlinkIsNotATemplateFile() {
        byte[] metadata = new TarBuilder().file("metadata.yaml", TarBuilder.METADATA)
                .symlink("templates/hostname.tpl", "/etc/shadow").build(Compression.XZ);
        assertRejected(metadata)
                .hasMessage("Template file \"hostname.tpl\" for /etc/hostname is missing from the metadata tarball");
    }

    @Test
    void templateFilesAreBoundedInNumberAndNameLength() throws IOException {
        TarBuilder many = metadataTarball("");
        for (int i = 1; i < MetadataReader.MAX_TEMPLATE_FILES; i++) {
            many.file("templates/t" + i, "");
        }
        assertThat(read(many.build(Compression.GZIP), Compression.XZ).metadata().architecture()).isEqualTo("x86_64");
        assertRejected(many.file("templates/one-more", "").build(Compression.GZIP))
                .hasMessage(MetadataReader.TOO_MANY_TEMPLATES);

        TarBuilder longNames = metadataTarball("");
        for (int i = 0; i < 3600; i++) { // names of 300 characters: the tar writer takes time quadratic in their length
            longNames.file("templates/" + String.format("%04d", i) + "x".repeat(296), "");
        }
        assertRejected(longNames.build(Compression.GZIP)).hasMessage(MetadataReader.TOO_MANY_TEMPLATES);
    }

    @Test
    void missingMetadataIsLxdsMessage() {
        assertRejected(new TarBuilder().file("templates/hostname.tpl", "x").build(Compression.XZ))
                .hasMessage("Metadata tarball is missing metadata.yaml");
    }

    @Test
    void unsafeNamesAnywhereAreRejected() {
        assertRejected(metadataTarball("").file("templates/../../../etc/cron.d/x", "x").build(Compression.XZ))
                .hasMessage("Unsafe path in image tarball: templates/../../../etc/cron.d/x");
    }

    @Test
    void truncatedMetadataTarballsAreRejected() {
        byte[] metadata = metadataTarball("").build(Compression.XZ);
        assertRejected(Arrays.copyOf(metadata, metadata.length / 2))
                .message().startsWith("Truncated or corrupt metadata tarball: ");
        // Only the xz index and footer are missing: the tar inside is complete.
        assertRejected(Arrays.copyOf(metadata, metadata.length - 12))
                .message().startsWith("Truncated or corrupt metadata tarball: ");
    }

    @Test
    void truncatedGzipTrailerIsRejected() {
        byte[] metadata = metadataTarball("").build(Compression.GZIP);
        assertRejected(Arrays.copyOf(metadata, metadata.length - 4))
                .message().startsWith("Truncated or corrupt metadata tarball: ");
    }

    @Test
    void aQcow2FileIsNotAMetadataTarball() {
        byte[] qcow2 = Arrays.copyOf(new byte[] {'Q', 'F', 'I', (byte) 0xfb}, 1024);
        assertRejected(qcow2)
                .hasMessage("A qcow2 file can only be the rootfs of a split image, not its metadata tarball");
    }
}
