package io.imgsh.engine.image;

import static io.imgsh.engine.image.ImageFixture.CREATED;
import static io.imgsh.engine.image.ImageFixture.START;
import static io.imgsh.engine.image.ImageFixture.metaTar;
import static io.imgsh.engine.image.ImageFixture.metadata;
import static io.imgsh.engine.image.ImageFixture.rootfsTar;
import static io.imgsh.engine.image.ImageFixture.sha256;
import static io.imgsh.engine.image.ImageFixture.unifiedTar;
import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.TarBuilder;
import io.imgsh.engine.json.ApiTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Successful imports of real image files into a real store. */
class ImportTest extends ImageFixtureTest {
    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "BZIP2", "XZ", "LZMA", "ZSTD", "NONE"})
    void unifiedImageOfEveryCompression(Compression kind) throws IOException {
        Path file = fx.unifiedFile("image" + kind.extension(), kind, "ImgshTest 1.0 unified");
        byte[] original = Files.readAllBytes(file);

        ImportResult result = fx.importFile(file);

        String fp = sha256(original);
        assertThat(result.fingerprint()).isEqualTo(fp).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(result.movedAliases()).isEmpty();
        assertThat(Files.readAllBytes(fx.imagesDir().resolve(fp))).isEqualTo(original);
        assertThat(ImageFixture.listing(fx.imagesDir())).containsExactly(fp);
        assertThat(ImageFixture.listing(fx.tmpDir())).isEmpty();

        Image image = fx.images().get(fp);
        assertThat(image.fingerprint()).isEqualTo(fp);
        assertThat(image.size()).isEqualTo(original.length);
        assertThat(image.filename()).isEqualTo("image" + kind.extension());
        assertThat(image.type()).isEqualTo("container");
        assertThat(image.architecture()).isEqualTo("x86_64");
        assertThat(image.createdAt()).isEqualTo(CREATED);
        assertThat(image.expiresAt()).isEqualTo(Instant.EPOCH);
        assertThat(image.uploadedAt()).isEqualTo(START);
        assertThat(image.lastUsedAt()).isEqualTo(ApiTime.NEVER);
        assertThat(image.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "description", "ImgshTest 1.0 unified", "os", "imgshtest", "release", "1.0", "variant", "default"));
        assertThat(image.profiles()).containsExactly("default");
        assertThat(image.aliases()).isEmpty();
        assertThat(image.isPublic()).isFalse();
        assertThat(image.autoUpdate()).isFalse();
        assertThat(image.cached()).isFalse();
        assertThat(image.updateSource()).isNull();
        assertThat(fx.images().list()).containsExactly(image);
    }

    @Test
    void splitImageFingerprintIsMetadataThenRootfs() throws IOException {
        byte[] meta = metaTar(metadata("ImgshTest 2.0 split", "2.0")).build(Compression.XZ);
        byte[] rootfs = rootfsTar().build(Compression.XZ);
        Path metaFile = fx.file("split-meta.tar.xz", meta);
        Path rootfsFile = fx.file("split-rootfs.tar.xz", rootfs);

        ImportResult result = fx.importSplit(metaFile, rootfsFile, "split");

        String fp = sha256(meta, rootfs);
        assertThat(result.fingerprint()).isEqualTo(fp);
        assertThat(fp).isNotEqualTo(sha256(meta)).isNotEqualTo(sha256(rootfs));
        assertThat(Files.readAllBytes(fx.imagesDir().resolve(fp))).isEqualTo(meta);
        assertThat(Files.readAllBytes(fx.imagesDir().resolve(fp + ".rootfs"))).isEqualTo(rootfs);
        assertThat(ImageFixture.listing(fx.imagesDir())).containsExactly(fp, fp + ".rootfs");
        assertThat(ImageFixture.listing(fx.tmpDir())).isEmpty();

        Image image = fx.images().get(fp);
        assertThat(image.size()).isEqualTo(meta.length + rootfs.length);
        assertThat(image.filename()).isEqualTo("split-rootfs.tar.xz");
        assertThat(image.type()).isEqualTo("container");
        assertThat(image.architecture()).isEqualTo("x86_64");
        assertThat(image.createdAt()).isEqualTo(CREATED);
        assertThat(image.properties()).containsEntry("description", "ImgshTest 2.0 split")
                .containsEntry("release", "2.0");
        assertThat(image.aliases()).containsExactly(new ImageAlias("split", ""));
    }

    @Test
    void squashfsRootfsIsAcceptedWithoutDecompressing() throws IOException {
        byte[] meta = metaTar(metadata("squashfs split")).build(Compression.GZIP);
        byte[] rootfs = ImageFixture.squashfs(); // "hsqs" + random bytes: not a real filesystem
        Path metaFile = fx.file("meta.tar.gz", meta);
        Path rootfsFile = fx.file("rootfs.squashfs", rootfs);

        String fp = fx.importSplit(metaFile, rootfsFile).fingerprint();

        assertThat(fp).isEqualTo(sha256(meta, rootfs));
        Image image = fx.images().get(fp);
        assertThat(image.type()).isEqualTo("container");
        assertThat(image.filename()).isEqualTo("rootfs.squashfs");
        assertThat(image.size()).isEqualTo(meta.length + rootfs.length);
        assertThat(Files.readAllBytes(fx.imagesDir().resolve(fp + ".rootfs"))).isEqualTo(rootfs);
    }

    @Test
    void splitMetadataAndRootfsMayUseDifferentCompressions() throws IOException {
        byte[] meta = metaTar(metadata("mixed")).build(Compression.BZIP2);
        byte[] rootfs = rootfsTar().build(Compression.ZSTD);
        String fp = fx.importSplit(fx.file("m.tar.bz2", meta), fx.file("r.tar.zst", rootfs)).fingerprint();
        assertThat(fp).isEqualTo(sha256(meta, rootfs));
    }

    @Test
    void qcow2RootfsMakesAVirtualMachine() {
        byte[] meta = metaTar(metadata("vm")).build(Compression.XZ);
        String fp = fx.importSplit(fx.file("meta.tar.xz", meta), fx.file("disk.qcow2", ImageFixture.qcow2()))
                .fingerprint();
        assertThat(fx.images().get(fp).type()).isEqualTo("virtual-machine");
    }

    @Test
    void unifiedWithRootfsImgIsAVirtualMachine() {
        byte[] bytes = new TarBuilder().file("metadata.yaml", metadata("vm unified"))
                .file("rootfs.img", ImageFixture.qcow2()).build(Compression.GZIP);
        String fp = fx.importFile(fx.file("vm.tar.gz", bytes)).fingerprint();
        Image image = fx.images().get(fp);
        assertThat(image.type()).isEqualTo("virtual-machine");
        assertThat(fx.eventLines(0)).containsExactly(
                "image-created /1.0/images/" + fp + " {\"type\":\"virtual-machine\"}");
    }

    @Test
    void dotSlashEntryNamesAreAccepted() {
        byte[] bytes = new TarBuilder().dir("./").file("./metadata.yaml", metadata("dot slash"))
                .dir("./rootfs/").file("./rootfs/x", "x").build(Compression.GZIP);
        String fp = fx.importFile(fx.file("dot.tar.gz", bytes)).fingerprint();
        assertThat(fx.images().get(fp).properties()).containsEntry("description", "dot slash");
    }

    @Test
    void metadataDatesArchitectureAliasAndUploadTime() {
        String yaml = """
                architecture: amd64
                creation_date: 1458040200
                expiry_date: 1492300800
                properties:
                  description: dates
                """;
        fx.clock.set(Instant.parse("2030-05-06T07:08:09.123456789Z"));
        String fp = fx.importFile(fx.file("d.tar.xz", unifiedTar(yaml).build(Compression.XZ))).fingerprint();

        Image image = fx.images().get(fp);
        assertThat(image.architecture()).isEqualTo("x86_64");
        assertThat(image.createdAt()).isEqualTo(Instant.ofEpochSecond(1_458_040_200L));
        assertThat(image.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_492_300_800L));
        assertThat(image.uploadedAt()).isEqualTo(Instant.parse("2030-05-06T07:08:09.123456789Z"));
        assertThat(fx.events()).singleElement()
                .satisfies(e -> assertThat(e.timestamp()).isEqualTo(Instant.parse("2030-05-06T07:08:09.123456789Z")));
    }

    @Test
    void aarch64IsAcceptedOnAnyHost() {
        String yaml = "architecture: arm64\ncreation_date: 1700000000\nproperties:\n  description: arm one\n";
        String fp = fx.importFile(fx.file("arm.tar.gz", unifiedTar(yaml).build(Compression.GZIP))).fingerprint();
        assertThat(fx.images().get(fp).architecture()).isEqualTo("aarch64");
    }

    @Test
    void propertyOverridesAreMergedTrimmedAndEmptyValuesRemoveKeys() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("os", "  custom  ");     // replaces, trimmed
        overrides.put(" extra ", "value ");   // added, key and value trimmed
        overrides.put("variant", "");          // removes
        overrides.put("release", "   ");       // blank removes too
        overrides.put("missing", "");          // removing an absent key is fine
        Path file = fx.unifiedFile("p.tar.xz", Compression.XZ, "props");

        String fp = fx.images().importImage(new ImportRequest(file, null, List.of(), false, overrides)).fingerprint();

        assertThat(fx.images().get(fp).properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "description", "props", "os", "custom", "extra", "value"));
    }

    @Test
    void publicFlag() {
        Path file = fx.unifiedFile("pub.tar.gz", Compression.GZIP, "public one");
        String fp = fx.images().importImage(new ImportRequest(file, null, List.of(), true, Map.of())).fingerprint();
        assertThat(fx.images().get(fp).isPublic()).isTrue();
    }

    @Test
    void aliasesAreCreatedInOrderWithEvents() {
        Path file = fx.unifiedFile("a.tar.xz", Compression.XZ, "aliased");

        ImportResult result = fx.importFile(file, "first", "second", "first");

        String fp = result.fingerprint();
        assertThat(result.movedAliases()).isEmpty();
        assertThat(fx.images().get(fp).aliases()).extracting(ImageAlias::name).containsExactly("first", "second");
        assertThat(fx.images().aliases(List.of())).containsExactly(
                new AliasEntry("", fp, "first", "container"), new AliasEntry("", fp, "second", "container"));
        assertThat(fx.eventLines(0)).containsExactly(
                "image-created /1.0/images/" + fp + " {\"type\":\"container\"}",
                "image-alias-created /1.0/images/aliases/first {\"target\":\"" + fp + "\"}",
                "image-alias-created /1.0/images/aliases/second {\"target\":\"" + fp + "\"}");
    }

    @Test
    void anAliasOfAnotherImageIsMovedAndReported() {
        String old = fx.importDistinct("old image", "latest", "keep");
        fx.images().deleteAlias("keep");
        fx.images().createAlias("keep", old, "kept description");
        long before = fx.lastEventId();
        fx.clock.advance(Duration.ofMinutes(5));

        ImportResult result = fx.importFile(fx.unifiedFile("new.tar.xz", Compression.XZ, "new image"),
                "latest", "fresh");

        String fp = result.fingerprint();
        assertThat(result.movedAliases()).containsExactly(new ImportResult.MovedAlias("latest", old));
        assertThat(fx.images().get(old).aliases()).extracting(ImageAlias::name).containsExactly("keep");
        assertThat(fx.images().get(fp).aliases()).extracting(ImageAlias::name).containsExactly("latest", "fresh");
        assertThat(fx.images().resolve("latest").fingerprint()).isEqualTo(fp);
        assertThat(fx.eventLines(before)).containsExactly(
                "image-created /1.0/images/" + fp + " {\"type\":\"container\"}",
                "image-alias-updated /1.0/images/aliases/latest {\"target\":\"" + fp + "\"}",
                "image-alias-created /1.0/images/aliases/fresh {\"target\":\"" + fp + "\"}");
    }

    @Test
    void movedAliasKeepsItsDescription() {
        String old = fx.importDistinct("old");
        fx.images().createAlias("stable", old, "the stable one");
        String fp = fx.importFile(fx.unifiedFile("n.tar.xz", Compression.XZ, "new"), "stable").fingerprint();
        assertThat(fx.images().aliases(List.of("stable")))
                .containsExactly(new AliasEntry("the stable one", fp, "stable", "container"));
    }

    @Test
    void importEventsCarryTheClockTime() {
        fx.clock.set(Instant.parse("2031-01-02T03:04:05Z"));
        String fp = fx.importDistinct("timed", "t");
        assertThat(fx.events()).hasSize(2).allSatisfy(e ->
                assertThat(e.timestamp()).isEqualTo(Instant.parse("2031-01-02T03:04:05Z")));
        assertThat(fx.images().get(fp).uploadedAt()).isEqualTo(Instant.parse("2031-01-02T03:04:05Z"));
    }

    @Test
    void theSameContentUnderAnotherNameIsTheSameImage() throws IOException {
        Path a = fx.unifiedFile("a.tar.gz", Compression.GZIP, "same");
        Path b = fx.file("b/other-name.tar.gz", Files.readAllBytes(a));
        fx.importFile(a);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fx.importFile(b))
                .isInstanceOf(io.imgsh.engine.ConflictException.class);
    }

    @Test
    void manyImagesListInImportOrder() {
        String one = fx.importDistinct("one");
        String two = fx.importDistinct("two");
        String three = fx.importDistinct("three");
        assertThat(fx.images().list()).extracting(Image::fingerprint).containsExactly(one, two, three);
        assertThat(ImageFixture.listing(fx.imagesDir())).containsExactlyInAnyOrder(one, two, three);
    }

    @Test
    void aStoreReopenedSeesTheImage() {
        String fp = fx.importDistinct("persisted", "p");
        fx.close();
        fx = new ImageFixture(tmp);
        assertThat(fx.images().resolve("p").fingerprint()).isEqualTo(fp);
        assertThat(fx.imagesDir().resolve(fp)).exists();
    }
}
