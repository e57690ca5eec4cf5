package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.TarBuilder;
import io.imgsh.shell.ChildImgsh;
import io.imgsh.shell.CliTest;
import io.imgsh.shell.ImgshRunner;
import io.imgsh.shell.TestImages;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table of the issue, through the CLI: each case prints exactly one line on stderr, exits non-zero
 * (1 for failures, 2 for usage errors), prints nothing on stdout and leaves the store and its tmp/ as they were.
 */
class BadInputTest extends CliTest {
    private static final String GOOD_META = TestImages.metadata("good", "1");

    /** What to run; {@code expected} is the exact stderr line, or a part of it when {@code exact} is false. */
    record Case(String[] args, String stdin, int status, String expected, boolean exact) {
    }

    private static Case exact(int status, String line, String... args) {
        return new Case(args, "", status, line, true);
    }

    private static Case contains(int status, String part, String... args) {
        return new Case(args, "", status, part, false);
    }

    private static String[] importArgs(Path... files) {
        return Stream.concat(Stream.of("image", "import"), Arrays.stream(files).map(Path::toString))
                .toArray(String[]::new);
    }

    private static byte[] truncated(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder(GOOD_META).append("bomb:\n  a: &a [lol, lol, lol, lol, lol, lol]\n");
        String previous = "a";
        for (char c = 'b'; c <= 'j'; c++) {
            yaml.append("  ").append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = String.valueOf(c);
        }
        return yaml.toString();
    }

    private static String oversized() {
        StringBuilder yaml = new StringBuilder(GOOD_META);
        String comment = "# " + "x".repeat(1000) + "\n";
        while (yaml.length() <= (1 << 20)) {
            yaml.append(comment);
        }
        return yaml.toString();
    }

    static Stream<Arguments> cases() {
        Stream<Arguments> importCases = Stream.of(
                Arguments.of("missing file", (BiFunction<TestImages, Path, Case>) (img, tmp) -> {
                    Path missing = tmp.resolve("nonexistent.tar.gz");
                    return exact(1, "Error: open " + missing + ": no such file or directory", importArgs(missing));
                }),
                Arguments.of("missing rootfs file", (BiFunction<TestImages, Path, Case>) (img, tmp) -> {
                    Path missing = tmp.resolve("nonexistent.tar.xz");
                    return exact(1, "Error: open " + missing + ": no such file or directory",
                            importArgs(img.splitMeta("m.tar.xz", GOOD_META), missing));
                }),
                Arguments.of("directory that is no image", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: The image directory " + img.dir() + " has no metadata.yaml",
                                importArgs(img.dir()))),
                Arguments.of("not an archive", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: Unsupported compression",
                                importArgs(img.write("random.bin", TarBuilder.random(4096))))),
                Arguments.of("empty file", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: Unsupported compression", importArgs(img.write("empty.tar.gz", new byte[0])))),
                Arguments.of("compressed garbage", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        contains(1, "image tarball", importArgs(img.write("garbage.tar.gz",
                                TarBuilder.compress(TarBuilder.random(4096), Compression.GZIP))))),
                Arguments.of("truncated metadata tarball", (BiFunction<TestImages, Path, Case>) (img, tmp) -> {
                    byte[] meta = new TarBuilder().file("metadata.yaml", GOOD_META).dir("templates/")
                            .file("templates/hostname.tpl", "x\n").build(Compression.XZ);
                    return contains(1, "Truncated or corrupt metadata tarball", importArgs(
                            img.write("short-meta.tar.xz", truncated(meta, meta.length / 2)),
                            img.splitRootfs("r.tar.xz")));
                }),
                Arguments.of("truncated unified tarball", (BiFunction<TestImages, Path, Case>) (img, tmp) -> {
                    byte[] bytes = TestImages.unifiedTar(GOOD_META).build(Compression.GZIP);
                    return contains(1, "Truncated or corrupt image tarball",
                            importArgs(img.write("short.tar.gz", truncated(bytes, 30))));
                }),
                Arguments.of("unified tarball without metadata.yaml", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: Metadata tarball is missing metadata.yaml", importArgs(img.write("nometa.tar.gz",
                                new TarBuilder().dir("rootfs/").file("rootfs/x", "x").build(Compression.GZIP))))),
                Arguments.of("metadata tarball without metadata.yaml", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: Metadata tarball is missing metadata.yaml", importArgs(
                                img.write("nometa.tar.xz", new TarBuilder().dir("templates/").build(Compression.XZ)),
                                img.splitRootfs("r.tar.xz")))),
                Arguments.of("invalid YAML", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        contains(1, "Invalid metadata.yaml: line ", importArgs(
                                img.unified("badyaml.tar.gz", "architecture: [x86_64\n", Compression.GZIP)))),
                Arguments.of("oversized metadata.yaml", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: metadata.yaml is larger than 1 MiB",
                                importArgs(img.unified("big.tar.xz", oversized(), Compression.XZ)))),
                Arguments.of("YAML alias bomb", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        contains(1, "Invalid metadata.yaml", importArgs(
                                img.unified("bomb.tar.gz", aliasBomb(), Compression.GZIP)))),
                Arguments.of("missing architecture", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: Architecture isn't supported: ", importArgs(img.unified("noarch.tar.gz",
                                GOOD_META.replace("architecture: x86_64\n", ""), Compression.GZIP)))),
                Arguments.of("unknown architecture", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: Architecture isn't supported: sparc99", importArgs(img.unified(
                                "badarch.tar.gz", GOOD_META.replace("x86_64", "sparc99"), Compression.GZIP)))),
                Arguments.of("missing creation_date", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: Missing creation date", importArgs(img.unified("nodate.tar.gz",
                                GOOD_META.replace("creation_date: 1700000000\n", ""), Compression.GZIP)))),
                Arguments.of("zero creation_date", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: Missing creation date", importArgs(img.unified("zerodate.tar.gz",
                                GOOD_META.replace("1700000000", "0"), Compression.GZIP)))),
                Arguments.of("template naming a missing file (split)", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        contains(1, "Template file \"hostname.tpl\"", importArgs(
                                img.write("notpl.tar.xz", new TarBuilder().file("metadata.yaml", GOOD_META)
                                        .build(Compression.XZ)),
                                img.splitRootfs("r.tar.xz")))),
                Arguments.of("'..' entry in the metadata tarball", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        contains(1, "Unsafe path", importArgs(
                                img.write("dotdot.tar.xz", new TarBuilder().file("metadata.yaml", GOOD_META)
                                        .dir("templates/").file("templates/hostname.tpl", "x")
                                        .file("templates/../../evil", "x").build(Compression.XZ)),
                                img.splitRootfs("r.tar.xz")))),
                Arguments.of("absolute entry in the metadata tarball", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        contains(1, "Unsafe path", importArgs(
                                img.write("abs.tar.xz", new TarBuilder().file("/etc/evil", "x")
                                        .file("metadata.yaml", GOOD_META).dir("templates/")
                                        .file("templates/hostname.tpl", "x").build(Compression.XZ)),
                                img.splitRootfs("r.tar.xz")))),
                Arguments.of("'..' entry in a unified tarball", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        contains(1, "Unsafe path", importArgs(img.write("dotdot.tar.gz",
                                new TarBuilder().file("../metadata.yaml", GOOD_META).file("metadata.yaml", GOOD_META)
                                        .build(Compression.GZIP))))),
                Arguments.of("invalid alias name", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: Alias name \"a b\" must not contain spaces or control characters",
                                "image", "import", img.unified("fine.tar.gz", Compression.GZIP).toString(),
                                "--alias", "a b")),
                Arguments.of("empty rootfs of a split image", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: Unsupported compression", importArgs(img.splitMeta("m.tar.xz", GOOD_META),
                                img.write("empty-rootfs.tar.xz", new byte[0])))),
                Arguments.of("squashfs as the only file", (BiFunction<TestImages, Path, Case>) (img, tmp) -> {
                    byte[] squash = new byte[4096];
                    squash[0] = 'h';
                    squash[1] = 's';
                    squash[2] = 'q';
                    squash[3] = 's';
                    return contains(1, "split image", importArgs(img.write("only.squashfs", squash)));
                }));
        Stream<Arguments> otherCases = Stream.of(
                Arguments.of("duplicate import", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: Image with same fingerprint already exists",
                                "image", "import", img.dir().resolve("existing.tar.xz").toString(), "--alias", "new")),
                Arguments.of("unknown reference", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: Image not found", "image", "delete", "nosuch")),
                Arguments.of("unknown remote", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: The remote \"x\" doesn't exist", "image", "delete", "x:existing")),
                Arguments.of("alias rename onto an existing name", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: Alias \"existing\" already exists",
                                "image", "alias", "rename", "other", "existing")),
                Arguments.of("alias create onto an existing name", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: Alias \"existing\" already exists",
                                "image", "alias", "create", "existing", "0")),
                Arguments.of("unknown column letter", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(2, "Error: Unknown column shorthand char 'x' in 'lx'", "image", "list", "-c", "lx")),
                Arguments.of("unknown format", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(2, "Error: Invalid format \"xml\"", "image", "list", "--format", "xml")),
                Arguments.of("copy target with a name", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(2, "Error: Cannot provide a name for the target image",
                                "image", "copy", "existing", "local:renamed")),
                Arguments.of("unknown copy mode", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(2, "Error: Invalid --mode \"fast\": pull, push or relay",
                                "image", "copy", "existing", "local:", "--mode", "fast")),
                Arguments.of("invalid config value", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: cannot set 'images.remote_cache_expiry' to 'abc': invalid integer",
                                "config", "set", "images.remote_cache_expiry", "abc")),
                Arguments.of("unknown config key", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        exact(1, "Error: cannot set 'images.no_such_key' to '1': unknown key",
                                "config", "set", "images.no_such_key", "1")),
                Arguments.of("script line with an unclosed quote", (BiFunction<TestImages, Path, Case>) (img, tmp) -> {
                    Path script = img.write("bad.lxs", "# nothing before it changes the store\n\n"
                            + "image alias create \"unclosed existing\nimage alias create never existing\n");
                    return exact(1, script + ":3: syntax error: missing closing quote", "-f", script.toString());
                }),
                Arguments.of("unknown command", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        contains(2, "nosuchcommand", "image", "nosuchcommand")),
                Arguments.of("unknown option", (BiFunction<TestImages, Path, Case>) (img, tmp) ->
                        contains(2, "--bogus", "image", "list", "--bogus")));
        return Stream.concat(importCases, otherCases);
    }

    private String existing;

    /** A store with something in it, so that "unchanged" means something. */
    @BeforeEach
    void populate() {
        Path file = images.unified("existing.tar.xz", Compression.XZ);
        existing = imgsh.importImage(file.toString(), "--alias", "existing", "--alias", "other", "os=before");
        imgsh.ok("config", "set", "images.auto_update_interval", "12");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithOneLineAndChangesNothing(String name, BiFunction<TestImages, Path, Case> make) {
        Case c = make.apply(images, tmp);
        // "0" in "alias create existing 0" must be a real prefix of the existing image
        String[] args = Arrays.stream(c.args()).map(a -> a.equals("0") ? existing.substring(0, 4) : a)
                .toArray(String[]::new);
        String before = imgsh.snapshot();
        ImgshRunner.Result r = imgsh.runWithStdin(c.stdin(), args);
        assertThat(r.status()).as("%s", r).isEqualTo(c.status());
        // one line says what is wrong; a mistyped command or flag is followed by the usage line of its command
        assertThat(r.errLines()).as("%s", r).hasSizeBetween(1, 2);
        assertThat(r.errLines().subList(1, r.errLines().size())).allMatch(l -> l.startsWith("Usage: imgsh "));
        if (c.exact()) {
            assertThat(r.errLines().get(0)).isEqualTo(c.expected());
        } else {
            assertThat(r.errLines().get(0)).contains(c.expected());
        }
        assertThat(r.out()).as("stdout").isEmpty();
        assertThat(imgsh.snapshot()).isEqualTo(before);
    }

    @Test
    void ambiguousReferenceChangesNothing() {
        ReferenceTest.Pair pair = ReferenceTest.twoImagesSharingAPrefix(imgsh, images);
        String before = imgsh.snapshot();
        ImgshRunner.Result r = imgsh.run("image", "delete", pair.prefix());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().startsWith("Error: More than one image matches");
        assertThat(imgsh.snapshot()).isEqualTo(before);
    }

    /** 85,000 properties fit under the 1 MiB cap; the child has the 64 MiB heap the README's figures are taken in. */
    @Test
    void tooManyPropertiesAreOneLineInASmallHeap() {
        StringBuilder yaml = new StringBuilder("architecture: x86_64\ncreation_date: 1700000000\nproperties:\n");
        for (int i = 0; i < 85_000; i++) {
            yaml.append(String.format("  p%05d: v%n", i));
        }
        Path file = images.unified("props.tar.xz", yaml.toString(), Compression.XZ);
        String before = imgsh.snapshot();
        ImgshRunner.Result r = new ChildImgsh(imgsh).jvm("-Xmx64m").run("image", "import", file.toString());
        assertError(r, 1, "Error: Invalid metadata.yaml: properties has more than 1024 entries");
        assertThat(imgsh.snapshot()).isEqualTo(before);
    }

    @Test
    void failedImportLeavesNoTemporaryFiles() {
        // the same checks as above, but with an explicit look at tmp/ right after each failure
        Path tmpDir = imgsh.home().resolve("tmp");
        for (Path bad : new Path[] {
                images.write("random.bin", TarBuilder.random(100_000)),
                images.unified("noarch.tar.gz", GOOD_META.replace("x86_64", "sparc99"), Compression.GZIP)}) {
            ImgshRunner.Result r = imgsh.run("image", "import", bad.toString());
            assertThat(r.status()).isEqualTo(1);
            assertThat(tmpDir.toFile().list() == null ? new String[0] : tmpDir.toFile().list()).isEmpty();
        }
    }
}
