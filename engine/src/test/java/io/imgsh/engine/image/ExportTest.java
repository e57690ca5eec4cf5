package io.imgsh.engine.image;

import static io.imgsh.engine.image.ImageFixture.metaTar;
import static io.imgsh.engine.image.ImageFixture.metadata;
import static io.imgsh.engine.image.ImageFixture.rootfsTar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.format.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code image export}: LXD 5.0.2's file names ("Export filenames" table), the stored bytes, no partial files. */
class ExportTest extends ImageFixtureTest {
    Path out;
    String unified;
    byte[] unifiedBytes;
    String split;
    byte[] meta;
    byte[] rootfs;

    @BeforeEach
    void importUnifiedAndSplit() throws IOException {
        out = Files.createDirectories(tmp.resolve("out"));
        Path file = fx.unifiedFile("uni.tar.xz", Compression.XZ, "unified");
        unifiedBytes = Files.readAllBytes(file);
        unified = fx.importFile(file, "uni").fingerprint();
        meta = metaTar(metadata("split", "2.0")).build(Compression.XZ);
        rootfs = rootfsTar().build(Compression.XZ);
        split = fx.importSplit(fx.file("m.tar.xz", meta), fx.file("r.tar.gz", rootfs), "split").fingerprint();
    }

    private void assertExported(Path file, byte[] content) throws IOException {
        assertThat(file).isRegularFile();
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Umask.newFilePermissions()); // rw-r--r-- under umask 022
    }

    private void assertNoPartials(Path dir) {
        assertThat(ImageFixture.listing(dir)).noneMatch(n -> n.endsWith(".partial") || n.startsWith("."));
    }

    @Test
    void unifiedIntoADirectoryUsesTheServerName() throws IOException {
        List<Path> written = fx.images().export(unified, out.toString(), Progress.NONE);
        assertThat(written).containsExactly(out.resolve(unified + ".tar.xz"));
        assertExported(written.get(0), unifiedBytes);
        assertThat(ImageFixture.listing(out)).containsExactly(unified + ".tar.xz");
    }

    @Test
    void existingDirectoryWithATrailingSlash() throws IOException {
        List<Path> written = fx.images().export(unified, out + "/", Progress.NONE);
        assertThat(written).containsExactly(out.resolve(unified + ".tar.xz"));
        assertExported(out.resolve(unified + ".tar.xz"), unifiedBytes);
    }

    @Test
    void splitIntoADirectoryUsesMetaAndFingerprintNames() throws IOException {
        List<Path> written = fx.images().export(split, out.toString(), Progress.NONE);
        assertThat(written).containsExactly(out.resolve("meta-" + split + ".tar.xz"), out.resolve(split + ".tar.xz"));
        assertExported(out.resolve("meta-" + split + ".tar.xz"), meta);
        assertExported(out.resolve(split + ".tar.xz"), rootfs);
        assertThat(ImageFixture.listing(out)).hasSize(2);
        assertThat(ImageFixture.sha256(out.resolve("meta-" + split + ".tar.xz"), out.resolve(split + ".tar.xz")))
                .isEqualTo(split);
    }

    @Test
    void unifiedToANameGetsTheExtensionAppended() throws IOException {
        List<Path> written = fx.images().export(unified, out.resolve("myname").toString(), Progress.NONE);
        assertThat(written).containsExactly(out.resolve("myname.tar.xz"));
        assertExported(out.resolve("myname.tar.xz"), unifiedBytes);
        assertThat(ImageFixture.listing(out)).containsExactly("myname.tar.xz");
    }

    @Test
    void unifiedToANameWithTheExtensionGetsItTwice() throws IOException {
        fx.images().export(unified, out.resolve("abs.tar.xz").toString(), Progress.NONE);
        assertThat(ImageFixture.listing(out)).containsExactly("abs.tar.xz.tar.xz");
        assertExported(out.resolve("abs.tar.xz.tar.xz"), unifiedBytes);
    }

    @Test
    void splitToANameIsNameAndNameDotRoot() throws IOException {
        List<Path> written = fx.images().export(split, out.resolve("mysplit").toString(), Progress.NONE);
        assertThat(written).containsExactly(out.resolve("mysplit"), out.resolve("mysplit.root"));
        assertExported(out.resolve("mysplit"), meta);
        assertExported(out.resolve("mysplit.root"), rootfs);
        assertThat(ImageFixture.listing(out)).containsExactly("mysplit", "mysplit.root");
    }

    @Test
    void splitWithSquashfsRootfsIntoADirectory() throws IOException {
        byte[] m = metaTar(metadata("sq")).build(Compression.XZ);
        byte[] sq = ImageFixture.squashfs();
        String fp = fx.importSplit(fx.file("sm.tar.xz", m), fx.file("sq.squashfs", sq)).fingerprint();
        fx.images().export(fp, out.toString(), Progress.NONE);
        assertThat(ImageFixture.listing(out)).containsExactlyInAnyOrder("meta-" + fp + ".tar.xz", fp + ".squashfs");
        assertExported(out.resolve(fp + ".squashfs"), sq);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "BZIP2", "XZ", "LZMA", "ZSTD", "NONE"})
    void theExtensionComesFromTheContentNotTheUploadName(Compression kind) throws IOException {
        Path file = fx.unifiedFile("misnamed-" + kind + ".bin", kind, "content " + kind);
        String fp = fx.importFile(file).fingerprint();
        fx.images().export(fp, out.toString(), Progress.NONE);
        assertExported(out.resolve(fp + kind.extension()), Files.readAllBytes(file));
        fx.images().export(fp, out.resolve("named").toString(), Progress.NONE);
        assertExported(out.resolve("named" + kind.extension()), Files.readAllBytes(file));
    }

    @Test
    void aMissingDirectoryWithATrailingSlashIsAnErrorAndWritesNothing() {
        String target = out.resolve("dir") + "/";
        assertThatThrownBy(() -> fx.images().export(unified, target, Progress.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("open " + target + ": is a directory");
        assertThatThrownBy(() -> fx.images().export(split, target, Progress.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("open " + target + ": is a directory");
        assertThat(ImageFixture.listing(out)).isEmpty();
        assertThat(out.resolve("dir")).doesNotExist();
    }

    @Test
    void aMissingParentDirectoryIsAnErrorAndWritesNothing() {
        Path target = out.resolve("nodir/name");
        assertThatThrownBy(() -> fx.images().export(unified, target.toString(), Progress.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("open " + target + ".tar.xz: no such file or directory")
                .satisfies(ImageFixture::assertOneLine);
        assertThatThrownBy(() -> fx.images().export(split, target.toString(), Progress.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("open " + target + ": no such file or directory");
        assertThat(ImageFixture.listing(out)).isEmpty();
    }

    @Test
    void aDirectoryThatTakesNoFilesIsAnErrorNamingTheTargetAndWhy() {
        // even root may not create files in /proc
        assertThatThrownBy(() -> fx.images().export(unified, "/proc/x", Progress.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessage("Export failed: open /proc/x.tar.xz: no such file or directory");
    }

    @Test
    void anExistingFileIsOverwritten() throws IOException {
        Path existing = Files.writeString(out.resolve("exists.tar.xz"), "old\n");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(out.resolve("s"), "old meta, much longer than the new one? no, but it is replaced".repeat(50));
        Files.writeString(out.resolve("s.root"), "old root");

        fx.images().export(unified, out.resolve("exists").toString(), Progress.NONE);
        fx.images().export(split, out.resolve("s").toString(), Progress.NONE);

        assertExported(existing, unifiedBytes);
        assertExported(out.resolve("s"), meta);
        assertExported(out.resolve("s.root"), rootfs);
        assertThat(ImageFixture.listing(out)).containsExactly("exists.tar.xz", "s", "s.root");
    }

    @Test
    void exportingTwiceIntoTheSameDirectoryReplacesTheFiles() throws IOException {
        fx.images().export(split, out.toString(), Progress.NONE);
        fx.images().export(split, out.toString(), Progress.NONE);
        assertThat(ImageFixture.listing(out)).hasSize(2);
        assertExported(out.resolve(split + ".tar.xz"), rootfs);
        assertNoPartials(out);
    }

    @Test
    void noPartialFilesAreLeftInTheTarget() {
        fx.images().export(unified, out.toString(), Progress.NONE);
        fx.images().export(split, out.resolve("x").toString(), Progress.NONE);
        fx.images().export(unified, out.resolve("y").toString(), Progress.NONE);
        assertNoPartials(out);
        assertThat(ImageFixture.listing(out)).containsExactlyInAnyOrder(unified + ".tar.xz", "x", "x.root",
                "y.tar.xz");
    }

    @Test
    void aFailedExportLeavesNoPartialFile() throws IOException {
        // The target name is an existing non-empty directory: the rename over it fails.
        Path blocker = Files.createDirectories(out.resolve("blocked.tar.xz"));
        Files.writeString(blocker.resolve("inside"), "x");
        assertThatThrownBy(() -> fx.images().export(unified, out.resolve("blocked").toString(), Progress.NONE))
                .isInstanceOf(io.imgsh.engine.EngineException.class)
                .satisfies(ImageFixture::assertOneLine);
        assertThat(ImageFixture.listing(out)).containsExactly("blocked.tar.xz");
        assertThat(ImageFixture.listing(blocker)).containsExactly("inside");
    }

    @Test
    void exportDoesNotChangeTheStore() {
        ImageFixture.Snapshot before = fx.snapshot();
        fx.images().export(unified, out.toString(), Progress.NONE);
        fx.images().export(split, out.toString(), Progress.NONE);
        fx.assertUnchanged(before);
    }

    /**
     * A remote's catalog checks what it calls its images (ProductsTest, LxdDownloadTest); should one answer for a name
     * that is not a fingerprint all the same, the export still names no file after it.
     */
    @Test
    void aNameThatIsNotAFingerprintNamesNoFile() throws IOException {
        List<String> asked = new ArrayList<>();
        Images store = fx.images();
        Images remote = (Images) Proxy.newProxyInstance(Images.class.getClassLoader(), new Class<?>[] {Images.class},
                (proxy, method, args) -> {
                    if (method.isDefault()) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    asked.add(method.getName());
                    return method.getName().equals("byFingerprint") ? store.byFingerprint(unified)
                            : method.invoke(store, args);
                });
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        assertThatThrownBy(() -> remote.export("../outside/evil", out.toString(), Progress.NONE))
                .isInstanceOf(EngineException.class).hasMessage("Not an image fingerprint: \"../outside/evil\"");
        assertThat(asked).as("nothing looked up or read").isEmpty();
        assertThat(ImageFixture.listing(outside)).isEmpty();
        assertThat(ImageFixture.listing(out)).isEmpty();
    }

    @Test
    void unknownImageIsNotFound() {
        assertThatThrownBy(() -> fx.images().export("0".repeat(64), out.toString(), Progress.NONE))
                .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        assertThatThrownBy(() -> fx.images().export("0".repeat(64), new ByteArrayOutputStream()))
                .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        assertThat(ImageFixture.listing(out)).isEmpty();
    }

    @Test
    void unifiedToAStream() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        fx.images().export(unified, bytes);
        assertThat(bytes.toByteArray()).isEqualTo(unifiedBytes);
    }

    @Test
    void splitToAStreamIsAnError() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThatThrownBy(() -> fx.images().export(split, bytes))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(ImageFixture::assertOneLine)
                .hasMessageContaining("split");
        assertThat(bytes.size()).isZero();
    }
}
