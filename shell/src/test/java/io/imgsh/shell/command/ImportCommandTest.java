package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.TarBuilder;
import io.imgsh.shell.CliTest;
import io.imgsh.shell.ImgshRunner;
import io.imgsh.shell.LxdFixtures;
import io.imgsh.shell.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImportCommandTest extends CliTest {

    @Test
    void lxdFixturesGetLxdsFingerprintsAndListAsLxdListsThem() throws Exception {
        Path lxd = LxdFixtures.make(tmp.resolve("lxd"));
        assertThat(assertOk(imgsh.run("image", "import", lxd.resolve("unified-xz.tar.xz").toString(),
                "--alias", "uni-xz")))
                .isEqualTo("Image imported with fingerprint: " + LxdFixtures.UNIFIED_XZ + "\n");
        assertThat(assertOk(imgsh.run("image", "import", lxd.resolve("unified-gz.tar.gz").toString(),
                "--alias", "uni-gz")))
                .isEqualTo("Image imported with fingerprint: " + LxdFixtures.UNIFIED_GZ + "\n");
        assertThat(assertOk(imgsh.run("image", "import", lxd.resolve("split-meta.tar.xz").toString(),
                lxd.resolve("split-rootfs.tar.xz").toString(), "--alias", "split")))
                .isEqualTo("Image imported with fingerprint: " + LxdFixtures.SPLIT + "\n");

        String row = "+--------+--------------+--------+-----------------------+--------------+-----------+--------+"
                + "------------------------------+\n";
        assertThat(assertOk(imgsh.run("image", "list"))).isEqualTo(row
                + "| ALIAS  | FINGERPRINT  | PUBLIC |      DESCRIPTION      | ARCHITECTURE |   TYPE    |  SIZE  |"
                + "         UPLOAD DATE          |\n" + row
                + "| split  | 8b63b0cd169b | no     | ImgshTest 2.0 split   | x86_64       | CONTAINER | 0.00MB |"
                + " Nov 27, 2026 at 2:23am (UTC) |\n" + row
                + "| uni-gz | 38e82544a877 | no     | ImgshTest 1.0 unified | x86_64       | CONTAINER | 0.00MB |"
                + " Nov 27, 2026 at 2:23am (UTC) |\n" + row
                + "| uni-xz | ab6fcc1f7c7d | no     | ImgshTest 1.0 unified | x86_64       | CONTAINER | 0.00MB |"
                + " Nov 27, 2026 at 2:23am (UTC) |\n" + row);

        // the split image records the rootfs file's name and the size of both parts (400 + 532)
        String json = assertOk(imgsh.run("image", "list", "split", "--format", "json"));
        assertThat(json).contains("\"filename\":\"split-rootfs.tar.xz\"", "\"size\":932",
                "\"fingerprint\":\"" + LxdFixtures.SPLIT + "\"");
    }

    @Test
    void squashfsSplitImageMatchesLxd() throws Exception {
        Path lxd = LxdFixtures.make(tmp.resolve("lxd"));
        Path squashfs = io.imgsh.store.ReferenceFixtures.squashfs(lxd);
        assertThat(assertOk(imgsh.run("image", "import", lxd.resolve("split-meta.tar.xz").toString(),
                squashfs.toString(), "--alias", "split-sq")))
                .isEqualTo("Image imported with fingerprint: " + LxdFixtures.SPLIT_SQUASHFS + "\n");
        assertThat(assertOk(imgsh.run("image", "list", "--format", "json"))).contains("\"size\":4496",
                "\"filename\":\"split-rootfs.squashfs\"");
        imgsh.importImage(lxd.resolve("unified-xz.tar.xz").toString(), "--alias", "uni-xz");
        imgsh.importImage(lxd.resolve("unified-gz.tar.gz").toString(), "--alias", "uni-gz");
        imgsh.importImage(lxd.resolve("split-meta.tar.xz").toString(), lxd.resolve("split-rootfs.tar.xz").toString(),
                "--alias", "split");
        // 01-import.txt, exactly
        String row = "+----------+--------------+--------+-----------------------+--------------+-----------+--------+"
                + "------------------------------+\n";
        assertThat(assertOk(imgsh.run("image", "list"))).isEqualTo(row
                + "|  ALIAS   | FINGERPRINT  | PUBLIC |      DESCRIPTION      | ARCHITECTURE |   TYPE    |  SIZE  |"
                + "         UPLOAD DATE          |\n" + row
                + "| split    | 8b63b0cd169b | no     | ImgshTest 2.0 split   | x86_64       | CONTAINER | 0.00MB |"
                + " Nov 27, 2026 at 2:23am (UTC) |\n" + row
                + "| split-sq | c6e36950be3e | no     | ImgshTest 2.0 split   | x86_64       | CONTAINER | 0.00MB |"
                + " Nov 27, 2026 at 2:23am (UTC) |\n" + row
                + "| uni-gz   | 38e82544a877 | no     | ImgshTest 1.0 unified | x86_64       | CONTAINER | 0.00MB |"
                + " Nov 27, 2026 at 2:23am (UTC) |\n" + row
                + "| uni-xz   | ab6fcc1f7c7d | no     | ImgshTest 1.0 unified | x86_64       | CONTAINER | 0.00MB |"
                + " Nov 27, 2026 at 2:23am (UTC) |\n" + row);
        // export keeps it split, the rootfs named .squashfs
        Path out = Files.createDirectories(tmp.resolve("out"));
        assertOk(imgsh.run("image", "export", "split-sq", out.toString()));
        assertThat(out.resolve(LxdFixtures.SPLIT_SQUASHFS + ".squashfs")).hasSameBinaryContentAs(
                lxd.resolve("split-rootfs.squashfs"));
        assertThat(out.resolve("meta-" + LxdFixtures.SPLIT_SQUASHFS + ".tar.xz")).hasSameBinaryContentAs(
                lxd.resolve("split-meta.tar.xz"));
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "BZIP2", "XZ", "LZMA", "ZSTD", "NONE"})
    void everyCompressionImportsWithTheFilesSha256AsFingerprint(Compression compression) {
        Path file = images.unified("image" + compression.extension(), compression);
        String fp = TestImages.sha256(file);
        assertThat(assertOk(imgsh.run("image", "import", file.toString())))
                .isEqualTo("Image imported with fingerprint: " + fp + "\n");
        assertThat(assertOk(imgsh.run("image", "list", "-c", "Fdat", "--format", "csv")))
                .isEqualTo(fp + ",ImgshTest 1.0 unified,x86_64,CONTAINER\n");
        assertThat(assertOk(imgsh.run("image", "list", "--format", "json")))
                .contains("\"filename\":\"image" + compression.extension() + "\"",
                        "\"size\":" + file.toFile().length());
    }

    @Test
    void entryNamesWithDotSlashImportToo() {
        Path file = images.write("dot.tar.gz", TarBuilder.containerImage("./").build(Compression.GZIP));
        assertThat(imgsh.importImage(file.toString())).isEqualTo(TestImages.sha256(file));
        assertThat(assertOk(imgsh.run("image", "get-property", TestImages.sha256(file).substring(0, 8), "os")))
                .isEqualTo("imgshtest\n");
    }

    @Test
    void splitImageFingerprintIsTheHashOfBothFiles() {
        Path meta = images.splitMeta("meta.tar.xz", TestImages.metadata("Split one", "2.0"));
        Path rootfs = images.splitRootfs("rootfs.tar.xz");
        String fp = imgsh.importImage(meta.toString(), rootfs.toString(), "--alias", "sp");
        assertThat(fp).isEqualTo(TestImages.sha256(meta, rootfs));
        assertThat(assertOk(imgsh.run("image", "list", "--format", "json")))
                .contains("\"filename\":\"rootfs.tar.xz\"",
                        "\"size\":" + (meta.toFile().length() + rootfs.toFile().length()));
        assertThat(Files.exists(imgsh.home().resolve("images").resolve(fp))).isTrue();
        assertThat(Files.exists(imgsh.home().resolve("images").resolve(fp + ".rootfs"))).isTrue();
    }

    @Test
    void aliasesAndPublic() {
        Path file = images.unified("a.tar.xz", Compression.XZ);
        String fp = imgsh.importImage(file.toString(), "--alias", "first", "--alias", "second", "--public");
        assertThat(assertOk(imgsh.run("image", "list", "-c", "lLfp", "--format", "csv")))
                .isEqualTo("first (1 more),\"first\nsecond\"," + fp.substring(0, 12) + ",yes\n");
        assertThat(assertOk(imgsh.run("image", "alias", "list", "--format", "csv")))
                .isEqualTo("first," + fp.substring(0, 12) + ",CONTAINER,\nsecond," + fp.substring(0, 12)
                        + ",CONTAINER,\n");
    }

    @Test
    void propertiesOnTheCommandLineOverrideMetadataAndEmptyValuesRemoveKeys() {
        Path file = images.unified("a.tar.xz", Compression.XZ);
        imgsh.importImage(file.toString(), "os=custom", "description=", "extra=some value", "--alias", "p");
        assertThat(assertOk(imgsh.run("image", "show", "p"))).isEqualTo("""
                auto_update: false
                properties:
                  extra: some value
                  os: custom
                  release: "1.0"
                  variant: default
                public: false
                expires_at: 1970-01-01T00:00:00Z
                profiles:
                - default
                """);
    }

    @Test
    void localRemoteTargetIsAccepted() {
        Path file = images.unified("a.tar.xz", Compression.XZ);
        String fp = imgsh.importImage(file.toString(), "local:", "--alias", "l");
        assertThat(fp).isEqualTo(TestImages.sha256(file));
    }

    @Test
    void unknownRemoteTargetIsAnErrorAndImportsNothing() {
        Path file = images.unified("a.tar.xz", Compression.XZ);
        String before = imgsh.snapshot();
        ImgshRunner.Result r = imgsh.run("image", "import", file.toString(), "elsewhere:");
        assertError(r, 1, "Error: The remote \"elsewhere\" doesn't exist");
        assertThat(r.out()).isEmpty();
        assertThat(imgsh.snapshot()).isEqualTo(before);
    }

    @Test
    void anotherRemoteAsTargetIsRefusedExplicitOrByDefault() {
        Path file = images.unified("a.tar.xz", Compression.XZ);
        String before = imgsh.snapshot();
        String refused = "Error: Importing into remote \"images\" is not supported; import into local: and copy the image"
                + " there";
        assertError(imgsh.run("image", "import", file.toString(), "images:"), 1, refused);
        imgsh.ok("remote", "switch", "images");
        assertError(imgsh.run("image", "import", file.toString()), 1, refused);
        imgsh.ok("remote", "switch", "local");
        assertThat(imgsh.snapshot()).isEqualTo(before);
    }

    @Test
    void aliasOfAnotherImageIsMovedAndStandardErrorSaysSo() {
        String first = imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString(),
                "--alias", "shared", "--alias", "mine");
        Path second = images.unified("b.tar.gz", Compression.GZIP);
        String fp = TestImages.sha256(second);
        ImgshRunner.Result moved = imgsh.run("image", "import", second.toString(), "--alias", "shared");
        assertThat(moved.status()).isZero();
        assertThat(moved.out()).isEqualTo("Image imported with fingerprint: " + fp + "\n");
        assertThat(moved.err()).isEqualTo("Alias \"shared\" moved from image " + first.substring(0, 12) + "\n");
        assertThat(assertOk(imgsh.run("image", "alias", "list", "--format", "csv")))
                .isEqualTo("mine," + first.substring(0, 12) + ",CONTAINER,\nshared," + fp.substring(0, 12)
                        + ",CONTAINER,\n");
    }

    @Test
    void quietKeepsTheFingerprintButNotTheMoveNote() {
        imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString(), "--alias", "shared");
        Path second = images.unified("b.tar.gz", Compression.GZIP);
        ImgshRunner.Result quiet = imgsh.run("-q", "image", "import", second.toString(), "--alias", "shared");
        assertThat(assertOk(quiet)).isEqualTo("Image imported with fingerprint: " + TestImages.sha256(second) + "\n");
    }

    @Test
    void duplicateImportFailsAndCreatesNoAlias() {
        Path file = images.unified("a.tar.xz", Compression.XZ);
        imgsh.importImage(file.toString(), "--alias", "one");
        String before = imgsh.snapshot();
        ImgshRunner.Result r = imgsh.run("image", "import", file.toString(), "--alias", "again");
        assertError(r, 1, "Error: Image with same fingerprint already exists");
        assertThat(r.out()).isEmpty();
        assertThat(imgsh.snapshot()).isEqualTo(before);
    }

    @Test
    void architectureAliasesAreStoredCanonically() {
        String arm = TestImages.metadata("arm one", "1").replace("x86_64", "arm64");
        imgsh.importImage(images.unified("arm.tar.gz", arm, Compression.GZIP).toString(), "--alias", "arm");
        assertThat(assertOk(imgsh.run("image", "list", "-c", "la", "--format", "csv"))).isEqualTo("arm,aarch64\n");
    }

    @Test
    void aMetadataTarballAloneIsRefusedAsLxdRefusesIt() {
        Path meta = images.splitMeta("meta.tar.xz", TestImages.metadata("meta only", "1"));
        String before = imgsh.snapshot();
        ImgshRunner.Result r = imgsh.run("image", "import", meta.toString(), "--alias", "m");
        assertError(r, 1, "Error: Invalid instance type: the image tarball has no rootfs/ or rootfs.img"
                + " (is it the metadata tarball of a split image?)");
        assertThat(imgsh.snapshot()).isEqualTo(before);
    }

    @Test
    void aDirectoryIsPackedIntoAUnifiedImage() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("imagedir/rootfs/etc"));
        Files.writeString(dir.resolve("hostname"), "from-dir\n");
        Files.writeString(tmp.resolve("imagedir/metadata.yaml"), TestImages.metadata("from a directory", "1"));
        Files.createDirectories(tmp.resolve("imagedir/templates"));
        Files.writeString(tmp.resolve("imagedir/templates/hostname.tpl"), "{{ container.name }}\n");

        String fp = imgsh.importImage(tmp.resolve("imagedir").toString(), "--alias", "fromdir");

        assertThat(assertOk(imgsh.run("image", "list", "fromdir", "-c", "lFdt", "--format", "csv")))
                .isEqualTo("fromdir," + fp + ",from a directory,CONTAINER\n");
        assertThat(assertOk(imgsh.run("image", "list", "fromdir", "--format", "json")))
                .contains("\"filename\":\"imagedir.tar.xz\"");
    }

    @Test
    void usageErrors() {
        assertErrorContains(imgsh.run("image", "import"), 2, "Missing required parameter");
        Path a = images.unified("a.tar.xz", Compression.XZ);
        ImgshRunner.Result r = imgsh.run("image", "import", a.toString(), a.toString(), a.toString());
        assertErrorContains(r, 2, "Expected an image tarball, optionally followed by a rootfs file; got 3 files");
    }
}
