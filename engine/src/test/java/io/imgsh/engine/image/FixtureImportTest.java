package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.store.ReferenceFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports the shared fixture images (built by make-test-images.sh, byte-reproducible) and checks the exact
 * fingerprints LXD 5.0.2 gave them (lxd-5.0.2-observed.md §2), then exports them back.
 */
class FixtureImportTest extends ImageFixtureTest {
    static final String UNIFIED_XZ = ReferenceFixtures.UNIFIED_XZ;
    static final String UNIFIED_GZ = ReferenceFixtures.UNIFIED_GZ;
    static final String SPLIT_META = ReferenceFixtures.SPLIT_META;
    static final String SPLIT_ROOTFS = ReferenceFixtures.SPLIT_ROOTFS;
    static final String SPLIT = ReferenceFixtures.SPLIT;
    static final String SPLIT_SQUASHFS = ReferenceFixtures.SPLIT_SQUASHFS;

    @TempDir
    static Path scratch;
    static Path fixtures;

    @BeforeAll
    static void makeImages() {
        fixtures = ReferenceFixtures.make(scratch.resolve("fixtures"));
    }

    @Test
    void unifiedFixturesGetLxdFingerprints() throws IOException {
        assertThat(fx.importFile(fixtures.resolve("unified-xz.tar.xz"), "uni-xz").fingerprint()).isEqualTo(UNIFIED_XZ);
        assertThat(fx.importFile(fixtures.resolve("unified-gz.tar.gz"), "uni-gz").fingerprint()).isEqualTo(UNIFIED_GZ);

        Image xz = fx.images().resolve("uni-xz");
        assertThat(xz.fingerprint()).isEqualTo(UNIFIED_XZ);
        assertThat(xz.size()).isEqualTo(Files.size(fixtures.resolve("unified-xz.tar.xz")));
        assertThat(xz.filename()).isEqualTo("unified-xz.tar.xz");
        assertThat(xz.type()).isEqualTo("container");
        assertThat(xz.architecture()).isEqualTo("x86_64");
        assertThat(xz.createdAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(xz.expiresAt()).isEqualTo(Instant.EPOCH);
        assertThat(xz.properties()).containsExactlyInAnyOrderEntriesOf(Map.of("description", "ImgshTest 1.0 unified",
                "os", "imgshtest", "release", "1.0", "variant", "default"));
        assertThat(fx.images().resolve("uni-gz").filename()).isEqualTo("unified-gz.tar.gz");
        assertThat(Files.readAllBytes(fx.imagesDir().resolve(UNIFIED_XZ)))
                .isEqualTo(Files.readAllBytes(fixtures.resolve("unified-xz.tar.xz")));
    }

    @Test
    void splitFixtureGetsTheLxdFingerprint() throws IOException {
        assertThat(ImageFixture.sha256(fixtures.resolve("split-meta.tar.xz"))).isEqualTo(SPLIT_META);
        assertThat(ImageFixture.sha256(fixtures.resolve("split-rootfs.tar.xz"))).isEqualTo(SPLIT_ROOTFS);

        ImportResult result = fx.importSplit(fixtures.resolve("split-meta.tar.xz"),
                fixtures.resolve("split-rootfs.tar.xz"), "split");

        assertThat(result.fingerprint()).isEqualTo(SPLIT);
        Image image = fx.images().resolve("split");
        assertThat(image.filename()).isEqualTo("split-rootfs.tar.xz");
        assertThat(image.size()).isEqualTo(Files.size(fixtures.resolve("split-meta.tar.xz"))
                + Files.size(fixtures.resolve("split-rootfs.tar.xz")));
        assertThat(image.properties()).containsEntry("description", "ImgshTest 2.0 split").containsEntry("release", "2.0");

        Path out = Files.createDirectories(tmp.resolve("out"));
        assertThat(fx.images().export(SPLIT, out.toString(), Progress.NONE)).containsExactly(
                out.resolve("meta-" + SPLIT + ".tar.xz"), out.resolve(SPLIT + ".tar.xz"));
        assertThat(ImageFixture.sha256(out.resolve("meta-" + SPLIT + ".tar.xz"))).isEqualTo(SPLIT_META);
        assertThat(ImageFixture.sha256(out.resolve(SPLIT + ".tar.xz"))).isEqualTo(SPLIT_ROOTFS);
    }

    @Test
    void squashfsFixtureGetsTheLxdFingerprint() {
        Path squashfs = ReferenceFixtures.squashfs(fixtures);
        assertThat(fx.importSplit(fixtures.resolve("split-meta.tar.xz"), squashfs, "split-sq").fingerprint())
                .isEqualTo(SPLIT_SQUASHFS);
    }

    @Test
    void exportedUnifiedFixtureKeepsItsSha() throws IOException {
        fx.importFile(fixtures.resolve("unified-gz.tar.gz"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        assertThat(fx.images().export(UNIFIED_GZ, out.toString(), Progress.NONE))
                .containsExactly(out.resolve(UNIFIED_GZ + ".tar.gz"));
        assertThat(ImageFixture.sha256(out.resolve(UNIFIED_GZ + ".tar.gz"))).isEqualTo(UNIFIED_GZ);
    }
}
