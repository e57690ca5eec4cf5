package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.TarBuilder;
import io.imgsh.shell.ChildImgsh;
import io.imgsh.shell.CliTest;
import io.imgsh.shell.ImgshRunner;
import io.imgsh.shell.LxdFixtures;
import io.imgsh.shell.TestImages;
import io.imgsh.store.E2e;
import io.imgsh.store.Mounts;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExportCommandTest extends CliTest {
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    @Test
    void intoADirectoryUnderTheStoredNamesWithIdenticalBytes() throws IOException {
        Path lxd = importLxdImages();
        Path out = dir("out");
        assertThat(assertOk(imgsh.run("image", "export", "uni-xz", out.toString())))
                .isEqualTo("Image exported successfully!\n");
        assertOk(imgsh.run("image", "export", "uni-gz", out + "/"));
        assertOk(imgsh.run("image", "export", "split", out.toString()));
        String xz = LxdFixtures.UNIFIED_XZ;
        String gz = LxdFixtures.UNIFIED_GZ;
        String sp = LxdFixtures.SPLIT;
        assertThat(names(out)).containsExactly(gz + ".tar.gz", sp + ".tar.xz", xz + ".tar.xz",
                "meta-" + sp + ".tar.xz");
        assertThat(TestImages.sha256(out.resolve(xz + ".tar.xz"))).isEqualTo(xz);
        assertThat(TestImages.sha256(out.resolve(gz + ".tar.gz"))).isEqualTo(gz);
        assertThat(Files.readAllBytes(out.resolve("meta-" + sp + ".tar.xz")))
                .isEqualTo(Files.readAllBytes(lxd.resolve("split-meta.tar.xz")));
        assertThat(Files.readAllBytes(out.resolve(sp + ".tar.xz")))
                .isEqualTo(Files.readAllBytes(lxd.resolve("split-rootfs.tar.xz")));
    }

    @Test
    void namedTargets() throws IOException {
        Path lxd = importLxdImages();
        Path named = dir("named");
        assertOk(imgsh.run("image", "export", "uni-xz", named.resolve("myname").toString()));
        assertOk(imgsh.run("image", "export", "split", named.resolve("mysplit").toString()));
        assertOk(imgsh.run("image", "export", "uni-xz", named.resolve("abs.tar.xz").toString()));
        assertOk(imgsh.run("image", "export", "uni-gz", named.resolve("mygz.tar.gz").toString()));
        assertThat(names(named)).containsExactly("abs.tar.xz.tar.xz", "mygz.tar.gz.tar.gz", "myname.tar.xz",
                "mysplit", "mysplit.root");
        assertThat(Files.readAllBytes(named.resolve("mysplit")))
                .isEqualTo(Files.readAllBytes(lxd.resolve("split-meta.tar.xz")));
        assertThat(Files.readAllBytes(named.resolve("mysplit.root")))
                .isEqualTo(Files.readAllBytes(lxd.resolve("split-rootfs.tar.xz")));
        assertThat(TestImages.sha256(named.resolve("myname.tar.xz"))).isEqualTo(LxdFixtures.UNIFIED_XZ);
    }

    @Test
    void existingFileIsOverwritten() throws IOException {
        importLxdImages();
        Path named = dir("named");
        Files.writeString(named.resolve("over.tar.xz"), "old content");
        assertOk(imgsh.run("image", "export", "uni-xz", named.resolve("over").toString()));
        assertThat(TestImages.sha256(named.resolve("over.tar.xz"))).isEqualTo(LxdFixtures.UNIFIED_XZ);
        assertThat(names(named)).containsExactly("over.tar.xz");
    }

    @Test
    void missingDirectoryWithSlashIsAnErrorAndWritesNothing() throws IOException {
        importLxdImages();
        Path missing = tmp.resolve("nodir");
        assertError(imgsh.run("image", "export", "uni-gz", missing + "/"), 1,
                "Error: open " + missing + "/: is a directory");
        assertThat(Files.exists(missing)).isFalse();
        assertThat(names(tmp).stream().filter(n -> n.startsWith("nodir"))).isEmpty();
    }

    @Test
    void missingParentDirectoryIsAnErrorAndWritesNothing() {
        imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString(), "--alias", "img");
        Path target = tmp.resolve("no").resolve("such").resolve("name");
        assertError(imgsh.run("image", "export", "img", target.toString()), 1,
                "Error: open " + target + ".tar.xz: no such file or directory");
        assertThat(Files.exists(tmp.resolve("no"))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "BZIP2", "XZ", "LZMA", "ZSTD", "NONE"})
    void extensionComesFromTheContent(Compression compression) throws IOException {
        // imported under a misleading name: the export name follows the bytes
        Path file = images.unified("misnamed.bin", compression);
        String fp = imgsh.importImage(file.toString(), "--alias", "img");
        Path out = dir("out");
        assertOk(imgsh.run("image", "export", "img", out.toString()));
        assertThat(names(out)).containsExactly(fp + compression.extension());
        assertThat(Files.readAllBytes(out.resolve(fp + compression.extension()))).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void dashStreamsTheUnifiedBytesToStdout() throws IOException {
        Path file = images.unified("a.tar.zst", Compression.ZSTD);
        imgsh.importImage(file.toString(), "--alias", "img");
        ImgshRunner.Result r = imgsh.run("image", "export", "img", "-");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.outBytes()).isEqualTo(Files.readAllBytes(file));
        // -q changes nothing here
        assertThat(imgsh.run("-q", "image", "export", "img", "-").outBytes()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void dashWithASplitImageIsAnError() {
        imgsh.importImage(images.splitMeta("m.tar.xz", TestImages.metadata("s", "1")).toString(),
                images.splitRootfs("r.tar.xz").toString(), "--alias", "sp");
        ImgshRunner.Result r = imgsh.run("image", "export", "sp", "-");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.outBytes()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("Error: ").contains("split image");
    }

    @Test
    void quietSuppressesTheConfirmation() throws IOException {
        imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString(), "--alias", "img");
        assertThat(assertOk(imgsh.run("-q", "image", "export", "img", dir("out").toString()))).isEmpty();
        assertThat(names(tmp.resolve("out"))).hasSize(1);
    }

    @Test
    void unknownImageOrRemote() {
        assertError(imgsh.run("image", "export", "nosuch", tmp.toString()), 1, "Error: Image not found");
        assertError(imgsh.run("image", "export", "far:img", tmp.toString()), 1,
                "Error: The remote \"far\" doesn't exist");
    }

    /** Without a target, the files land in the current directory: run imgsh in a child JVM started there. */
    @Test
    void noTargetWritesIntoTheCurrentDirectory() throws Exception {
        Path file = images.unified("a.tar.gz", Compression.GZIP);
        String fp = imgsh.importImage(file.toString(), "--alias", "img");
        Path cwd = dir("cwd");
        ImgshRunner.Result r = new ChildImgsh(imgsh).directory(cwd).run("image", "export", "img");
        assertThat(r.status()).as("%s", r).isZero();
        assertThat(r.out()).isEqualTo("Image exported successfully!\n");
        assertThat(r.err()).isEmpty();
        assertThat(names(cwd)).containsExactly(fp + ".tar.gz");
        assertThat(Files.readAllBytes(cwd.resolve(fp + ".tar.gz"))).isEqualTo(Files.readAllBytes(file));
    }

    /** A stream that takes {@code limit} bytes, then fails as a full disk does. */
    private static OutputStream failingAfter(int limit) {
        return new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > limit) {
                    throw new IOException("No space left on device");
                }
                written += len;
            }
        };
    }

    @Test
    void dashStopsWithOneLineWhenStandardOutputFails() {
        Path file = images.unified("a.tar.gz", Compression.GZIP);
        imgsh.importImage(file.toString(), "--alias", "img");
        for (int limit : new int[] {0, 100}) {
            assertError(imgsh.runWithStdout(failingAfter(limit), "image", "export", "img", "-"), 1,
                    "Error: Export failed: cannot write to standard output");
        }
    }

    @Test
    void anyCommandWhoseOutputCannotBeWrittenFails() {
        imgsh.importImage(images.unified("a.tar.gz", Compression.GZIP).toString(), "--alias", "img");
        assertError(imgsh.runWithStdout(failingAfter(0), "image", "list"), 1,
                "Error: cannot write to standard output");
        assertError(imgsh.runWithStdout(failingAfter(0), "image", "info", "img"), 1,
                "Error: cannot write to standard output");
    }

    @Test
    void dashIntoDevFullExitsOneWithOneLine() {
        E2e.require(Files.isWritable(Path.of("/dev/full")), "/dev/full is missing");
        imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString(), "--alias", "img");
        assertError(new ChildImgsh(imgsh).stdout(new File("/dev/full")).run("image", "export", "img", "-"), 1,
                "Error: Export failed: cannot write to standard output");
    }

    /** A full file system (a 1 MiB tmpfs) under a directory export and under standard output redirected there. */
    @Test
    void aFullFileSystemIsOneLineAndLeavesNoFile() throws Exception {
        byte[] big = TestImages.unifiedTar(TestImages.metadata("big", "1"))
                .file("rootfs/big", TarBuilder.random(2 << 20)).build(Compression.NONE);
        imgsh.importImage(images.write("big.tar", big).toString(), "--alias", "big");
        Path full = dir("full");
        try (Mounts.Mount mount = Mounts.tmpfs(full, "1m")) {
            assertError(imgsh.run("image", "export", "big", full.toString()), 1,
                    "Error: Export failed: No space left on device");
            assertThat(names(full)).isEmpty();

            try (OutputStream stdout = Files.newOutputStream(full.resolve("redirected.tar"))) {
                assertError(imgsh.runWithStdout(stdout, "image", "export", "big", "-"), 1,
                        "Error: Export failed: cannot write to standard output");
            }
        }
    }
}
