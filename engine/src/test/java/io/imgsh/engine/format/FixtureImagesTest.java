package io.imgsh.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.store.ReferenceFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans the images of the shared fixture script, which LXD 5.0.2 itself imported successfully. */
class FixtureImagesTest {
    @TempDir
    static Path tmp;
    static Path images;

    @BeforeAll
    static void makeImages() {
        images = ReferenceFixtures.make(tmp.resolve("fixtures"));
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
        Path squashfs = ReferenceFixtures.squashfs(images);
        assertThat(Compression.detect(squashfs)).isEqualTo(Compression.SQUASHFS);
        try (InputStream in = Files.newInputStream(images.resolve("split-meta.tar.xz"))) {
            assertThat(MetadataReader.readSplit(in, Compression.SQUASHFS).type()).isEqualTo(ImageType.CONTAINER);
        }
    }
}
