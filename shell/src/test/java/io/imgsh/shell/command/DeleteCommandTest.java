package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.shell.CliTest;
import io.imgsh.shell.ImgshRunner;
import io.imgsh.shell.TestImages;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeleteCommandTest extends CliTest {
    private String a;
    private String b;
    private String c;

    @BeforeEach
    void importThree() {
        a = imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString(), "--alias", "alpha",
                "--alias", "a2");
        b = imgsh.importImage(images.unified("b.tar.gz", Compression.GZIP).toString(), "--alias", "bravo");
        c = imgsh.importImage(images.splitMeta("c-meta.tar.xz", TestImages.metadata("c", "3")).toString(),
                images.splitRootfs("c-rootfs.tar.xz").toString(), "--alias", "charlie");
    }

    private List<String> fingerprints() {
        return imgsh.ok("image", "list", "-c", "F", "--format", "csv").lines().sorted().toList();
    }

    @Test
    void deletesSeveralImagesTheirAliasesAndFiles() {
        assertThat(assertOk(imgsh.run("image", "delete", "alpha", "charlie"))).isEmpty();
        assertThat(fingerprints()).containsExactly(b);
        assertThat(imgsh.ok("image", "alias", "list", "--format", "csv")).isEqualTo("bravo," + b.substring(0, 12)
                + ",CONTAINER,\n");
        assertThat(Files.exists(imgsh.home().resolve("images").resolve(a))).isFalse();
        assertThat(Files.exists(imgsh.home().resolve("images").resolve(c))).isFalse();
        assertThat(Files.exists(imgsh.home().resolve("images").resolve(c + ".rootfs"))).isFalse();
        assertThat(Files.exists(imgsh.home().resolve("images").resolve(b))).isTrue();
    }

    @Test
    void rmAndFingerprintPrefixAndRemotePrefix() {
        assertOk(imgsh.run("image", "rm", b.substring(0, 10)));
        assertOk(imgsh.run("image", "delete", "local:" + a));
        assertThat(fingerprints()).containsExactly(c);
    }

    @Test
    void stopsAtTheFirstFailureAndEarlierOnesStayDeleted() {
        ImgshRunner.Result r = imgsh.run("image", "delete", "bravo", "nosuch", "charlie");
        assertError(r, 1, "Error: Image not found");
        assertThat(fingerprints()).containsExactlyInAnyOrder(a, c);
        // the same image twice: the second is gone by then (aliases are no hex prefix of any fingerprint)
        assertError(imgsh.run("image", "delete", "charlie", "charlie"), 1, "Error: Image not found");
        assertThat(fingerprints()).containsExactly(a);
    }

    @Test
    void unknownRemoteStopsToo() {
        assertError(imgsh.run("image", "delete", "alpha", "far:bravo", "charlie"), 1, "Error: The remote \"far\" doesn't exist");
        assertThat(fingerprints()).containsExactlyInAnyOrder(b, c);
    }

    @Test
    void missingArgumentIsAUsageError() {
        assertErrorContains(imgsh.run("image", "delete"), 2, "Missing required parameter");
    }
}
