package io.imgsh.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans the images of the shared fixture script, which LXD 5.0.2 itself imported successfully. */
class FixtureImagesTest {
    private static final Path SCRIPT = Path.of(System.getenv().getOrDefault(
            "IMGSH_MAKE_TEST_IMAGES", "/work/shared/peers/make-test-images.sh"));

    @TempDir
    static Path images;

    @BeforeAll
    static void makeImages() throws IOException, InterruptedException {
        assumeTrue(Files.isReadable(SCRIPT), "fixture script not found: " + SCRIPT);
        for (String tool : List.of("bash", "tar", "xz", "gzip", "sha256sum")) {
            assumeTrue(onPath(tool), "fixture script needs " + tool + " on PATH");
        }
        Process process = new ProcessBuilder("bash", SCRIPT.toString(), images.toString())
                .redirectErrorStream(true)
                .redirectOutput(images.resolve("script.log").toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("script finished").isTrue();
        assertThat(process.exitValue()).as("script exit status, see " + images.resolve("script.log")).isZero();
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }

    private static void assertFixtureMetadata(ImageMetadata metadata, String description, String release) {
        assertThat(metadata.architecture()).isEqualTo("x86_64");
        assertThat(metadata.creationDate()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(metadata.expiryDate()).isEqualTo(Instant.EPOCH);
        assertThat(metadata.properties()).containsOnly(Map.entry("description", description),
                Map.entry("os", "imgshtest"), Map.entry("release", release), Map.entry("variant", "default"));
        assertThat(metadata.templates()).containsOnly(Map.entry("/etc/hostname",
                new Template(List.of("create", "copy"), false, "hostname.tpl", Map.of())));
    }

    @Test
    void unifiedImagesScan() throws IOException {
        for (String name : List.of("unified-xz.tar.xz", "unified-gz.tar.gz")) {
            try (InputStream in = Files.newInputStream(images.resolve(name))) {
                ScannedImage image = MetadataReader.readUnified(in);
                assertThat(image.type()).isEqualTo(ImageType.CONTAINER);
                assertFixtureMetadata(image.metadata(), "ImgshTest 1.0 unified", "1.0");
            }
        }
        assertThat(Compression.detect(images.resolve("unified-gz.tar.gz"))).isEqualTo(Compression.GZIP);
    }

    @Test
    void splitImageScans() throws IOException {
        Compression rootfs = Compression.detect(images.resolve("split-rootfs.tar.xz"));
        assertThat(rootfs).isEqualTo(Compression.XZ);
        try (InputStream in = Files.newInputStream(images.resolve("split-meta.tar.xz"))) {
            ScannedImage image = MetadataReader.readSplit(in, rootfs);
            assertThat(image.type()).isEqualTo(ImageType.CONTAINER);
            assertFixtureMetadata(image.metadata(), "ImgshTest 2.0 split", "2.0");
        }
    }

    @Test
    void squashfsRootfsIsDetected() throws IOException {
        Path squashfs = images.resolve("split-rootfs.squashfs");
        assumeTrue(Files.exists(squashfs), "mksquashfs is not installed, so no squashfs fixture");
        assertThat(Compression.detect(squashfs)).isEqualTo(Compression.SQUASHFS);
        try (InputStream in = Files.newInputStream(images.resolve("split-meta.tar.xz"))) {
            assertThat(MetadataReader.readSplit(in, Compression.SQUASHFS).type()).isEqualTo(ImageType.CONTAINER);
        }
    }
}
