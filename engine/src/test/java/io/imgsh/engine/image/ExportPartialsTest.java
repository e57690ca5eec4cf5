package io.imgsh.engine.image;

import static io.imgsh.engine.image.ImageFixture.listing;
import static io.imgsh.engine.image.ImageFixture.metaTar;
import static io.imgsh.engine.image.ImageFixture.metadata;
import static io.imgsh.engine.image.ImageFixture.rootfsTar;
import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an export leaves in its target directory when it runs beside other processes: temporary names until every
 * file is complete, the mode the umask gives, and partial files of killed exports removed by the next one. Other
 * processes are {@link ExportChild} JVMs.
 */
class ExportPartialsTest {
    private static final String PARTIAL = "\\.%s\\.imgsh-[0-9a-f]{16}\\.partial";

    @TempDir
    Path tmp;
    Path out;
    Path meta;
    Path rootfs;
    String fp;
    Process child;

    @BeforeEach
    void files() throws IOException {
        out = Files.createDirectories(tmp.resolve("out"));
        meta = Files.write(tmp.resolve("meta.tar.xz"), metaTar(metadata("split")).build(Compression.XZ));
        rootfs = Files.write(tmp.resolve("rootfs.tar.gz"), rootfsTar().build(Compression.GZIP));
        fp = ImageFixture.sha256(meta, rootfs);
    }

    @AfterEach
    void stopChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly().waitFor();
        }
    }

    /** An {@link ExportChild} run by {@code sh} with this umask; its stderr goes to the test's. */
    private BufferedReader start(String umask, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ExportChild.class.getName()));
        command.addAll(List.of(args));
        child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads the child's output up to a line starting with {@code prefix}. */
    private static void await(BufferedReader lines, String prefix) throws IOException {
        List<String> seen = new ArrayList<>();
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return;
            }
            seen.add(line);
        }
        throw new AssertionError("the child ended without printing " + prefix + "; it printed " + seen);
    }

    private void finish(BufferedReader lines) throws Exception {
        await(lines, "DONE");
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void aSplitImageAppearsOnlyWhenBothFilesAreCompleteAndAKilledExportIsCleanedUpByTheNext() throws Exception {
        BufferedReader lines = start("022", "copy", meta.toString(), rootfs.toString(), fp, out.toString(), "2");
        await(lines, "PROGRESS 2"); // both files copied, neither renamed yet: the child waits here
        assertThat(listing(out)).satisfiesExactlyInAnyOrder(
                n -> assertThat(n).matches(String.format(PARTIAL, "meta-" + fp + "\\.tar\\.xz")),
                n -> assertThat(n).matches(String.format(PARTIAL, fp + "\\.tar\\.gz")));
        List<String> live = listing(out);

        Path abandoned = Files.writeString(out.resolve(".old.tar.xz.imgsh-0123456789abcdef.partial"), "killed");
        List<String> users = List.of(".notes.partial", ".x.tar.xz.partial", ".x.imgsh-0123.partial", "x.partial",
                ".x.imgsh-0123456789abcdef.partial.keep");
        for (String name : users) {
            Files.writeString(out.resolve(name), "mine");
        }
        Path other = Files.write(tmp.resolve("other.tar.xz"), ImageFixture.unifiedTar(metadata("other"))
                .build(Compression.XZ));
        String otherFp = ImageFixture.sha256(other);
        new ImageExport(other, null, otherFp).writeTo(out.toString());
        assertThat(abandoned).doesNotExist();
        assertThat(listing(out)).containsAll(live).containsAll(users);

        child.destroyForcibly().waitFor();
        new ImageExport(other, null, otherFp).writeTo(out.toString());
        assertThat(listing(out)).containsExactlyInAnyOrderElementsOf(
                concat(users, otherFp + ".tar.xz"));
    }

    /**
     * An export running in this JVM (another session of a prompt, the server) while a second one cleans the same
     * directory, reached through a symbolic link: the first one's partial file is never opened by the second, which
     * would release its lock (POSIX locks belong to the process), so that a third export in another process still
     * sees it locked.
     */
    @Test
    void aPartialFileOfThisJvmKeepsItsLock() throws Exception {
        CountDownLatch copied = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<List<Path>> first = thread.submit(() -> new ImageExport(meta, rootfs, fp).writeTo(out.toString(),
                    (done, total) -> {
                        copied.countDown();
                        await(resume);
                    }));
            copied.await();
            Path link = Files.createSymbolicLink(tmp.resolve("link"), out);
            Path other = Files.write(tmp.resolve("other.tar.xz"), ImageFixture.unifiedTar(metadata("other"))
                    .build(Compression.XZ));
            String otherFp = ImageFixture.sha256(other);
            new ImageExport(other, null, otherFp).writeTo(link.toString());
            finish(start("022", "copy", other.toString(), "-", otherFp, out.toString()));
            resume.countDown();
            assertThat(first.get()).containsExactly(out.resolve("meta-" + fp + ".tar.xz"), out.resolve(fp + ".tar.gz"));
            assertThat(listing(out)).containsExactlyInAnyOrder("meta-" + fp + ".tar.xz", fp + ".tar.gz",
                    otherFp + ".tar.xz");
        } finally {
            resume.countDown();
            thread.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> concat(List<String> names, String name) {
        List<String> all = new ArrayList<>(names);
        all.add(name);
        return all;
    }

    @Test
    void exportedFilesGetTheModeTheUmaskGivesNewFiles() throws Exception {
        finish(start("027", "copy", meta.toString(), rootfs.toString(), fp, out.toString()));
        assertThat(mode(out.resolve("meta-" + fp + ".tar.xz"))).isEqualTo("rw-r-----");
        assertThat(mode(out.resolve(fp + ".tar.gz"))).isEqualTo("rw-r-----");

        // a remote export: temporary files (made rw------- by Files.createTempFile) renamed into place
        Path moved = Files.createDirectories(tmp.resolve("moved"));
        Path tmpMeta = Files.copy(meta, Files.createTempFile(moved, ".imgsh-export-", ".meta"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path tmpRootfs = Files.copy(rootfs, Files.createTempFile(moved, ".imgsh-export-", ".rootfs"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        finish(start("027", "move", tmpMeta.toString(), tmpRootfs.toString(), fp, moved.toString()));
        assertThat(listing(moved)).containsExactlyInAnyOrder("meta-" + fp + ".tar.xz", fp + ".tar.gz");
        assertThat(mode(moved.resolve("meta-" + fp + ".tar.xz"))).isEqualTo("rw-r-----");
        assertThat(mode(moved.resolve(fp + ".tar.gz"))).isEqualTo("rw-r-----");
    }
}
