package io.imgsh.shell.command.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.shell.CliTest;
import io.imgsh.shell.ImgshRunner;
import io.imgsh.shell.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code streams build} and {@code streams verify} as typed: what they print and their exit status. */
class StreamsCommandTest extends CliTest {
    @Test
    void buildsRebuildsAndVerifiesATree() throws Exception {
        String uni = imgsh.importImage(images.unified("u.tar.gz", TestImages.metadata("streams unified", "1.0"),
                Compression.GZIP).toString(), "--alias", "u", "--public");
        String split = imgsh.importImage(images.splitMeta("m.tar.xz", TestImages.metadata("streams split", "2.0"))
                .toString(), images.splitRootfs("r.tar.xz").toString(), "--alias", "s", "--public");
        imgsh.importImage(images.unified("p.tar.xz", TestImages.metadata("private", "3.0"), Compression.XZ)
                .toString(), "--alias", "p");
        Path tree = tmp.resolve("tree");

        assertThat(assertOk(imgsh.run("streams", "build", tree.toString()))).isEqualTo("Published 2 image(s) in 2 "
                + "product(s) to " + tree + ": 3 file(s) added, 0 removed, 4 rewritten\nThe direct-protocol include "
                + "changed: reload nginx (nginx -s reload)\n");
        assertThat(tree.resolve("images/" + uni + "/image.tar.gz")).exists();
        assertThat(tree.resolve("images/" + split + "/root.tar.xz")).exists();
        assertThat(assertOk(imgsh.run("streams", "build", tree.toString())))
                .isEqualTo("Tree " + tree + " is up to date: 2 image(s) in 2 product(s)\n");
        assertThat(assertOk(imgsh.run("streams", "verify", tree.toString())))
                .isEqualTo("All 3 file(s) of " + tree + " match the JSON\n");
        assertThat(assertOk(imgsh.run("streams", "build", tree.toString(), "--all", "release=3.0", "--keep", "1")))
                .startsWith("Published 1 image(s) in 1 product(s) to " + tree + ": 1 file(s) added, 3 removed, ");

        Path file = tree.resolve("images/" + imgsh.ok("image", "list", "p", "-c", "F", "--format", "csv").strip()
                + "/image.tar.xz");
        byte[] bytes = Files.readAllBytes(file);
        bytes[100] ^= 1;
        Files.write(file, bytes);
        ImgshRunner.Result r = imgsh.run("streams", "verify", tree.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.outLines()).singleElement().asString().contains("image.tar.xz has SHA-256 ");
        assertThat(r.errLines()).containsExactly("Error: 1 problem(s) in the tree " + tree + " (1 file(s) checked)");
    }

    @Test
    void badInputIsAOneLineError() {
        Path tree = tmp.resolve("tree");
        assertError(imgsh.run("streams", "build", tree.toString(), "elsewhere:"), 1, "Error: streams build publishes "
                + "the local store's images, not those of \"elsewhere\": copy them here first");
        assertError(imgsh.run("streams", "build", tree.toString(), "--keep", "-2"), 1, "Error: Invalid --keep -2: "
                + "give the number of versions to keep per product (0 keeps all)");
        assertError(imgsh.run("streams", "verify", tree.toString()), 1, "Error: No simplestreams tree in " + tree
                + ": streams/v1/index.json is missing");
        assertThat(tree).doesNotExist();
        ImgshRunner.Result r = imgsh.run("streams");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines().get(0)).isEqualTo("Error: Missing subcommand for 'streams': one of build, verify");
    }
}
