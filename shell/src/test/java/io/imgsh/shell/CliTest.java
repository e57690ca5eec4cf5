package io.imgsh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Common set-up of the end-to-end command tests: a runner on a fresh store and a directory of test images. */
public abstract class CliTest {
    @TempDir
    protected Path tmp;

    protected ImgshRunner imgsh;
    protected TestImages images;

    @BeforeEach
    void setUpRunner() {
        imgsh = new ImgshRunner(tmp);
        images = new TestImages(tmp.resolve("images"));
    }

    /** Imports LXD's reference images as uni-xz, uni-gz and split, in that order; returns where their files are. */
    protected Path importLxdImages() {
        Path lxd = LxdFixtures.make(tmp.resolve("lxd"));
        imgsh.importImage(lxd.resolve("unified-xz.tar.xz").toString(), "--alias", "uni-xz");
        imgsh.importImage(lxd.resolve("unified-gz.tar.gz").toString(), "--alias", "uni-gz");
        imgsh.importImage(lxd.resolve("split-meta.tar.xz").toString(), lxd.resolve("split-rootfs.tar.xz").toString(),
                "--alias", "split");
        return lxd;
    }

    /** Runs {@code refused} and asserts that the store is as it was before ({@link ImgshRunner#snapshot}). */
    protected void assertStoreUnchanged(Runnable refused) {
        String before = imgsh.snapshot();
        refused.run();
        assertThat(imgsh.snapshot()).isEqualTo(before);
    }

    /** The run succeeded and printed nothing on stderr; returns its stdout. */
    protected static String assertOk(ImgshRunner.Result r) {
        assertThat(r.status()).as("status of %s", r).isZero();
        assertThat(r.err()).as("stderr of %s", r).isEmpty();
        return r.out();
    }

    /** The run failed with this status and exactly this one line on stderr. */
    protected static void assertError(ImgshRunner.Result r, int status, String line) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.errLines()).as("stderr of %s", r).containsExactly(line);
    }

    /** The run failed with this status and one stderr line starting with "Error: " and containing {@code part}. */
    protected static void assertErrorContains(ImgshRunner.Result r, int status, String part) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.errLines()).as("stderr of %s", r).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("Error: ").contains(part);
    }
}
