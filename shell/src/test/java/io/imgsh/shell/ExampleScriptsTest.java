package io.imgsh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs every script of scripts/examples against fixtures built here, and checks what each one did. */
class ExampleScriptsTest extends CliTest {
    private static final Path EXAMPLES = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
            .resolveSibling("scripts").resolve("examples").toAbsolutePath().normalize();

    private Path unified;
    private Path meta;
    private Path rootfs;

    @BeforeEach
    void fixtures() {
        unified = images.unified("unified.tar.xz", Compression.XZ);
        meta = images.splitMeta("meta.tar.xz", TestImages.metadata("ImgshTest 2.0 split", "2.0"));
        rootfs = images.splitRootfs("rootfs.tar.xz");
    }

    private static Path example(String name) {
        Path script = EXAMPLES.resolve(name);
        assertThat(script).as("example script").isRegularFile();
        return script;
    }

    private ImgshRunner.Result runImportSet(String... extra) {
        String[] args = Stream.concat(Stream.of(extra), Stream.of("-D", "UNIFIED=" + unified, "-D", "META=" + meta,
                "-D", "ROOTFS=" + rootfs, "-D", "RELEASE=1.0", "-f", example("import-set.lxs").toString()))
                .toArray(String[]::new);
        return imgsh.run(args);
    }

    @Test
    void everyExampleIsCoveredHere() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".lxs")).sorted())
                    .containsExactly("alias-and-export.lxs", "cleanup.lxs", "import-set.lxs");
        }
    }

    @Test
    void importSet() {
        String base = TestImages.sha256(unified);
        String split = TestImages.sha256(meta, rootfs);
        ImgshRunner.Result r = runImportSet();
        assertThat(r.status()).as("%s", r).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("Image imported with fingerprint: " + base + "\n"
                + "Image imported with fingerprint: " + split + "\n"
                + "base (1 more)," + base.substring(0, 12) + ",yes,ImgshTest 1.0 unified\n"
                + "split," + split.substring(0, 12) + ",no,Split image 1.0\n");
        assertThat(imgsh.ok("image", "alias", "list", "-c", "a", "--format", "csv")).isEqualTo("base\nbase-1.0\nsplit\n");
        assertThat(imgsh.ok("image", "show", "base")).isEqualTo("""
                auto_update: false
                properties:
                  description: ImgshTest 1.0 unified
                  os: imgshtest
                  release: "1.0"
                  serial: "1.0"
                  stage: release
                  variant: default
                public: true
                expires_at: 1970-01-01T00:00:00Z
                profiles:
                - default
                """);
        assertThat(imgsh.ok("image", "show", "split")).contains("""
                properties:
                  description: Split image 1.0
                  os: imgshtest
                  release: "2.0"
                  stage: testing
                public: false
                """);
        assertThat(imgsh.ok("config", "get", "images.remote_cache_expiry")).isEqualTo("7\n");
    }

    @Test
    void importSetTwiceStopsAtTheFirstLineUnlessKeepGoing() {
        assertThat(runImportSet().status()).isZero();
        String before = imgsh.snapshot();
        ImgshRunner.Result again = runImportSet();
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.errLines()).containsExactly(example("import-set.lxs")
                + ":15: Image with same fingerprint already exists");
        assertThat(imgsh.snapshot()).isEqualTo(before);
        ImgshRunner.Result keepGoing = runImportSet("--keep-going");
        assertThat(keepGoing.status()).isEqualTo(1);
        assertThat(keepGoing.errLines()).hasSize(2);
        assertThat(keepGoing.errLines().get(1)).endsWith(":20: Image with same fingerprint already exists");
        // the lines after the failures ran
        assertThat(keepGoing.out()).contains("base (1 more),");
    }

    @Test
    void importSetNeedsItsVariables() {
        ImgshRunner.Result r = imgsh.run("-D", "UNIFIED=" + unified, "-f", example("import-set.lxs").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().endsWith(":15: undefined variable ${RELEASE} "
                + "(define it with -D RELEASE=VALUE or in the environment)");
    }

    @Test
    void aliasAndExport() throws IOException {
        assertThat(runImportSet().status()).isZero();
        String base = TestImages.sha256(unified);
        String split = TestImages.sha256(meta, rootfs);
        Path out = Files.createDirectories(tmp.resolve("out"));

        ImgshRunner.Result r = imgsh.run("-D", "FP=" + base.substring(0, 12), "-D", "NAME=stable", "-D", "OUT=" + out,
                "-f", example("alias-and-export.lxs").toString());
        assertThat(r.status()).as("%s", r).isZero();
        assertThat(r.out()).startsWith("stable," + base.substring(0, 12) + ",CONTAINER,exported by alias-and-export.lxs\n"
                + "Fingerprint: " + base + "\n");
        assertThat(r.out()).contains("Aliases:\n    - base\n    - base-1.0\n    - stable (exported by alias-and-export.lxs)\n");
        assertThat(r.out()).endsWith("Image exported successfully!\nImage exported successfully!\n");
        assertThat(Files.readAllBytes(out.resolve(base + ".tar.xz"))).isEqualTo(Files.readAllBytes(unified));
        assertThat(Files.readAllBytes(out.resolve("stable.tar.xz"))).isEqualTo(Files.readAllBytes(unified));

        // the split image: two files each time
        Path splitOut = Files.createDirectories(tmp.resolve("split-out"));
        ImgshRunner.Result s = imgsh.run("-D", "FP=" + split, "-D", "NAME=sp", "-D", "OUT=" + splitOut,
                "-f", example("alias-and-export.lxs").toString());
        assertThat(s.status()).as("%s", s).isZero();
        try (Stream<Path> files = Files.list(splitOut)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactly(split + ".tar.xz", "meta-" + split + ".tar.xz", "sp", "sp.root");
        }
        assertThat(Files.readAllBytes(splitOut.resolve("sp"))).isEqualTo(Files.readAllBytes(meta));
        assertThat(Files.readAllBytes(splitOut.resolve("sp.root"))).isEqualTo(Files.readAllBytes(rootfs));
    }

    @Test
    void aliasAndExportRefusesAnAliasAsTarget() throws IOException {
        assertThat(runImportSet().status()).isZero();
        Path out = Files.createDirectories(tmp.resolve("out"));
        ImgshRunner.Result r = imgsh.run("-D", "FP=base", "-D", "NAME=stable", "-D", "OUT=" + out,
                "-f", example("alias-and-export.lxs").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().endsWith(":9: Image not found");
        assertThat(out.toFile().list()).isEmpty();
    }

    @Test
    void cleanupRemovesEverythingAndToleratesAnEmptyStoreWithKeepGoing() {
        assertThat(runImportSet().status()).isZero();
        ImgshRunner.Result r = imgsh.run("-f", example("cleanup.lxs").toString());
        assertThat(r.status()).as("%s", r).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(imgsh.ok("image", "alias", "list", "--format", "csv")).isEmpty();
        assertThat(imgsh.ok("config", "get", "images.remote_cache_expiry")).isEqualTo("10\n");
        assertThat(imgsh.home().resolve("images").toFile().list()).isEmpty();

        ImgshRunner.Result again = imgsh.run("-f", example("cleanup.lxs").toString());
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.errLines()).singleElement().asString().endsWith(":10: Image not found");
        ImgshRunner.Result keepGoing = imgsh.run("--keep-going", "-f", example("cleanup.lxs").toString());
        assertThat(keepGoing.status()).isEqualTo(1);
        assertThat(keepGoing.errLines()).singleElement().asString().endsWith(":10: Image not found");
    }
}
