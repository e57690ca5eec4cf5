package io.imgsh.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReadUnifiedTest {

    private static ScannedImage read(byte[] image) throws IOException {
        return MetadataReader.readUnified(new ByteArrayInputStream(image));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] image) {
        return assertThatThrownBy(() -> read(image))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    static Stream<Arguments> kindsAndPrefixes() {
        return Stream.of(Compression.GZIP, Compression.BZIP2, Compression.XZ, Compression.LZMA, Compression.ZSTD,
                        Compression.NONE)
                .flatMap(kind -> Stream.of(Arguments.of(kind, ""), Arguments.of(kind, "./")));
    }

    @ParameterizedTest(name = "{0} with prefix \"{1}\"")
    @MethodSource("kindsAndPrefixes")
    void readsContainerImagesInEveryCompression(Compression kind, String prefix) throws IOException {
        ScannedImage image = read(TarBuilder.containerImage(prefix).build(kind));

        assertThat(image.type()).isEqualTo(ImageType.CONTAINER);
        assertThat(image.metadata().architecture()).isEqualTo("x86_64");
        assertThat(image.metadata().creationDate()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(image.metadata().properties()).containsEntry("description", "ImgshTest 1.0 unified")
                .containsEntry("release", "1.0");
        assertThat(image.metadata().templates()).containsOnlyKeys("/etc/hostname");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "./"})
    void rootfsImgMeansVirtualMachine(String prefix) throws IOException {
        byte[] image = new TarBuilder()
                .file(prefix + "metadata.yaml", TarBuilder.METADATA)
                .file(prefix + "rootfs.img", TarBuilder.random(1024))
                .build(Compression.GZIP);

        assertThat(read(image).type()).isEqualTo(ImageType.VIRTUAL_MACHINE);
    }

    @Test
    void markerMayComeFirst() throws IOException {
        byte[] rootfsFirst = new TarBuilder()
                .dir("rootfs/")
                .file("rootfs/etc/hostname", "x\n")
                .file("metadata.yaml", TarBuilder.METADATA)
                .build(Compression.XZ);

        assertThat(read(rootfsFirst).type()).isEqualTo(ImageType.CONTAINER);
    }

    @Test
    void withoutAMarkerItIsAMetadataTarballWhichLxdRefusesAlone() {
        String lxds = "Invalid instance type: the image tarball has no rootfs/ or rootfs.img"
                + " (is it the metadata tarball of a split image?)";
        assertRejected(new TarBuilder().file("metadata.yaml", TarBuilder.METADATA).dir("templates/")
                .file("templates/hostname.tpl", "x").build(Compression.XZ)).hasMessage(lxds);
        assertRejected(new TarBuilder().file("metadata.yaml", TarBuilder.METADATA).file("rootfs", "not a directory")
                .build(Compression.GZIP)).hasMessage(lxds);
    }

    @ParameterizedTest
    @EnumSource(names = {"GZIP", "XZ", "LZMA", "ZSTD", "NONE"})
    void stopsReadingOnceMetadataAndMarkerAreSeen(Compression kind) throws IOException {
        byte[] image = new TarBuilder()
                .file("metadata.yaml", TarBuilder.METADATA)
                .dir("rootfs/")
                .file("rootfs/big.bin", TarBuilder.random(4 << 20))
                .file("templates/hostname.tpl", "x")
                .build(kind);
        TrackingStream raw = new TrackingStream(image);

        assertThat(MetadataReader.readUnified(raw).type()).isEqualTo(ImageType.CONTAINER);

        assertThat(raw.consumed()).isLessThan(256 * 1024);
        assertThat(raw.closed()).isFalse();
        assertThat(raw.consumed() + raw.readAllBytes().length).isEqualTo(image.length);
    }

    /** 1 GiB of zeros in a few kilobytes of bzip2 before metadata.yaml: refused after 64 MiB, not read to its end. */
    @Test
    void aDecompressionBombBeforeTheMetadataIsRefused() {
        byte[] bomb = TarBuilder.repeatedEntryThen("pad", new byte[8 << 20], 128,
                new TarBuilder().file("metadata.yaml", TarBuilder.METADATA).dir("rootfs/"), Compression.BZIP2);

        assertRejected(bomb).hasMessage(
                "The image tarball decompresses to more than 50000 times its compressed size, which real images do not");
    }

    /**
     * {@code lxc image import DIR} packs metadata.yaml last: it is found after a rootfs of any size, here 80 MiB that
     * compress 10 times (as well as real root file systems compress, or better).
     */
    @Test
    void metadataAfterALargeRootfsIsRead() throws IOException {
        byte[] chunk = new byte[1 << 20];
        System.arraycopy(TarBuilder.random(100 << 10), 0, chunk, 0, 100 << 10);
        byte[] image = TarBuilder.repeatedEntryThen("rootfs/big.bin", chunk, 80,
                new TarBuilder().file("metadata.yaml", TarBuilder.METADATA), Compression.GZIP);

        assertThat(read(image).type()).isEqualTo(ImageType.CONTAINER);
    }

    /** A preallocated file or an empty raw disk before metadata.yaml: zeros, as well as zstd ever compresses them. */
    @Test
    void metadataAfterARootfsOfZerosIsRead() throws IOException {
        byte[] image = TarBuilder.repeatedEntryThen("rootfs/var/lib/prealloc.db", new byte[1 << 20], 256,
                new TarBuilder().file("metadata.yaml", TarBuilder.METADATA), Compression.ZSTD);
        assertThat((long) (256 << 20) / image.length).as("expansion").isGreaterThan(10_000);

        assertThat(read(image).type()).isEqualTo(ImageType.CONTAINER);
    }

    @Test
    void missingMetadataIsLxdsMessage() {
        assertRejected(new TarBuilder().dir("rootfs/").file("rootfs/a", "a").build(Compression.GZIP))
                .hasMessage("Metadata tarball is missing metadata.yaml");
        assertRejected(new TarBuilder().file("meta/metadata.yaml", TarBuilder.METADATA).build(Compression.NONE))
                .hasMessage("Metadata tarball is missing metadata.yaml");
    }

    @Test
    void metadataMustBeARegularFile() {
        assertRejected(new TarBuilder().dir("metadata.yaml").build(Compression.GZIP))
                .hasMessage("Cannot read non-regular file \"metadata.yaml/\"");
        assertRejected(new TarBuilder().file("real.yaml", TarBuilder.METADATA).symlink("./metadata.yaml", "real.yaml")
                .build(Compression.GZIP))
                .hasMessage("Cannot read non-regular file \"./metadata.yaml\"");
        assertRejected(new TarBuilder().file("real.yaml", TarBuilder.METADATA).hardlink("metadata.yaml", "real.yaml")
                .build(Compression.GZIP))
                .hasMessage("Cannot read non-regular file \"metadata.yaml\"");
    }

    @Test
    void metadataOverOneMebibyteIsRejected() {
        byte[] huge = ("#" + "x".repeat(MetadataReader.MAX_METADATA_BYTES) + "\n" + TarBuilder.METADATA).getBytes();
        assertRejected(new TarBuilder().file("metadata.yaml", huge).build(Compression.XZ))
                .hasMessage("metadata.yaml is larger than 1 MiB");
    }

    @Test
    void aSecondMetadataIsRejected() {
        assertRejected(new TarBuilder().file("metadata.yaml", TarBuilder.METADATA)
                .file("./metadata.yaml", TarBuilder.METADATA).dir("rootfs/").build(Compression.GZIP))
                .hasMessage("The image tarball contains more than one metadata.yaml");
    }

    @Test
    void invalidMetadataIsReported() {
        assertRejected(new TarBuilder().file("metadata.yaml", "architecture: [x86_64\n").build(Compression.GZIP))
                .message().startsWith("Invalid metadata.yaml: line ");
        assertRejected(new TarBuilder().file("metadata.yaml", "architecture: sparc99\ncreation_date: 1\n")
                .build(Compression.GZIP))
                .hasMessage("Architecture isn't supported: sparc99");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "/etc/passwd", "rootfs/../../etc/passwd", "./..", "rootfs/a/.."})
    void unsafeNamesAreRejected(String name) {
        assertRejected(new TarBuilder().file(name, "x").file("metadata.yaml", TarBuilder.METADATA).dir("rootfs/")
                .build(Compression.GZIP))
                .hasMessage("Unsafe path in image tarball: " + name);
    }

    @Test
    void namesThatMerelyContainDotsAreFine() throws IOException {
        assertThat(read(new TarBuilder().file("rootfs/..hidden/a..b", "x").file("metadata.yaml", TarBuilder.METADATA)
                .build(Compression.GZIP)).type()).isEqualTo(ImageType.CONTAINER);
    }

    @Test
    void unsafeNamesStayOnOneLine() {
        assertRejected(new TarBuilder().file("../evil\nname", "x").build(Compression.NONE))
                .hasMessage("Unsafe path in image tarball: ../evil name");
    }

    @ParameterizedTest
    @EnumSource(names = {"GZIP", "BZIP2", "XZ", "LZMA", "ZSTD", "NONE"})
    void truncatedImagesAreRejected(Compression kind) {
        byte[] image = new TarBuilder()
                .dir("rootfs/")
                .file("rootfs/data.bin", TarBuilder.random(256 * 1024))
                .file("metadata.yaml", TarBuilder.METADATA)
                .build(kind);

        assertRejected(Arrays.copyOf(image, image.length / 2))
                .message().startsWith("Truncated or corrupt image tarball: ");
    }

    @Test
    void corruptGzipDataIsRejected() {
        byte[] image = TarBuilder.containerImage("").build(Compression.GZIP);
        for (int i = 20; i < 60; i++) {
            image[i] ^= 0x5a;
        }
        assertRejected(image).message().startsWith("Truncated or corrupt image tarball: ");
    }

    @Test
    void compressedGarbageIsRejected() {
        assertRejected(TarBuilder.compress(TarBuilder.random(8192), Compression.XZ))
                .message().startsWith("Truncated or corrupt image tarball: ");
    }

    @Test
    void unknownFormatsAreLxdsMessage() {
        assertRejected(new byte[0]).hasMessage("Unsupported compression");
        assertRejected("not an image at all".getBytes()).hasMessage("Unsupported compression");
        assertRejected(TarBuilder.random(100_000)).hasMessage("Unsupported compression");
    }

    @Test
    void diskImagesCannotBeUnified() {
        byte[] squashfs = Arrays.copyOf(new byte[] {'h', 's', 'q', 's'}, 4096);
        assertRejected(squashfs)
                .hasMessage("A squashfs file can only be the rootfs of a split image, not its image tarball");
    }

    @Test
    void failuresOfTheCallersStreamStayIoExceptions() {
        byte[] image = TarBuilder.containerImage("").build(Compression.GZIP);
        InputStream breaking = new SequenceInputStream(new ByteArrayInputStream(image, 0, 100), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });

        assertThatThrownBy(() -> MetadataReader.readUnified(breaking))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("connection reset");
    }

    @Test
    void longNamesAreRead() throws IOException {
        String longDir = String.join("/", List.of("a".repeat(80), "b".repeat(80), "c".repeat(80)));
        assertThat(read(new TarBuilder().file("rootfs/" + longDir + "/file", "x")
                .file("metadata.yaml", TarBuilder.METADATA).build(Compression.XZ)).type())
                .isEqualTo(ImageType.CONTAINER);
    }
}
