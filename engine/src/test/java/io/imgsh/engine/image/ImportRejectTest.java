package io.imgsh.engine.image;

import static io.imgsh.engine.image.ImageFixture.metaTar;
import static io.imgsh.engine.image.ImageFixture.metadata;
import static io.imgsh.engine.image.ImageFixture.rootfsTar;
import static io.imgsh.engine.image.ImageFixture.unifiedTar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input: each import fails with a one-line user error and leaves the store exactly as it was: no rows, no
 * aliases, no files in images/ or tmp/, no events.
 */
class ImportRejectTest extends ImageFixtureTest {
    String existing;

    @BeforeEach
    void importExisting() {
        existing = fx.importDistinct("already there", "there");
        fx.clock.advance(Duration.ofHours(1));
    }

    /** A file with the given content, imported as a unified image with an alias. */
    private record Case(String name, Function<ImageFixture, ImportRequest> request,
                        Class<? extends EngineException> type, String message, boolean exact) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case unified(String name, byte[] content, String message) {
        return new Case(name, fx -> request(fx.file(name, content)), InvalidInputException.class, message, true);
    }

    private static Case unifiedPrefix(String name, byte[] content, String messagePrefix) {
        return new Case(name, fx -> request(fx.file(name, content)), InvalidInputException.class, messagePrefix,
                false);
    }

    private static Case split(String name, byte[] meta, byte[] rootfs, String message) {
        return new Case(name, fx -> new ImportRequest(fx.file(name + ".meta", meta), fx.file(name + ".rootfs", rootfs),
                List.of("there", "new-alias"), false, Map.of()), InvalidInputException.class, message, true);
    }

    /** With a new alias and one that points at the existing image: neither may change. */
    private static ImportRequest request(Path file) {
        return new ImportRequest(file, null, List.of("new-alias", "there"), false, Map.of());
    }

    private interface DirectoryChange {
        void apply(Path dir) throws IOException;
    }

    /** A valid image directory under the fixture's files, then changed by {@code change}. */
    private static Path imageDirectory(ImageFixture fx, String name, DirectoryChange change) {
        try {
            Path dir = Files.createDirectories(fx.files.resolve(name));
            Files.writeString(dir.resolve("metadata.yaml"), metadata(name));
            Files.createDirectories(dir.resolve("templates"));
            Files.writeString(dir.resolve("templates/hostname.tpl"), "{{ container.name }}\n");
            Files.createDirectories(dir.resolve("rootfs/etc"));
            Files.writeString(dir.resolve("rootfs/etc/hostname"), name + "\n");
            change.apply(dir);
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] image(String metadataYaml) {
        return unifiedTar(metadataYaml).build(Compression.GZIP);
    }

    /** A tarball whose first entry is large and incompressible, so a cut lands before metadata.yaml. */
    private static byte[] truncated(Compression kind) {
        byte[] whole = new TarBuilder().file("templates/pad.bin", TarBuilder.random(256 * 1024))
                .file("metadata.yaml", metadata("padded")).dir("rootfs/").build(kind);
        return Arrays.copyOf(whole, whole.length / 2);
    }

    private static String aliasBomb() {
        StringBuilder sb = new StringBuilder("architecture: x86_64\ncreation_date: 1700000000\n");
        sb.append("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 9; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    static Stream<Case> cases() {
        String valid = metadata("valid");
        return Stream.of(
                new Case("missing file", fx -> request(fx.files.resolve("nope.tar.xz")), InvalidInputException.class,
                        "open %s/nope.tar.xz: no such file or directory", true),
                new Case("a directory without metadata.yaml", fx -> request(fx.files), InvalidInputException.class,
                        "The image directory %s has no metadata.yaml", true),
                new Case("a directory without rootfs", fx -> request(imageDirectory(fx, "norootfs", dir -> {
                    Files.delete(dir.resolve("rootfs/etc/hostname"));
                    Files.delete(dir.resolve("rootfs/etc"));
                    Files.delete(dir.resolve("rootfs"));
                })), InvalidInputException.class, "The image directory %s/norootfs has no rootfs/", true),
                new Case("a directory with a symlink out of it", fx -> request(imageDirectory(fx, "climb",
                        dir -> Files.createSymbolicLink(dir.resolve("rootfs/etc/shadow"),
                                Path.of("../../../etc/shadow")))), InvalidInputException.class,
                        "The symlink %s/climb/rootfs/etc/shadow leads outside the image directory: ../../../etc/shadow",
                        true),
                new Case("a directory whose metadata.yaml links out", fx -> request(imageDirectory(fx, "metalink",
                        dir -> {
                            Files.move(dir.resolve("metadata.yaml"), fx.files.resolve("elsewhere.yaml"));
                            Files.createSymbolicLink(dir.resolve("metadata.yaml"), Path.of("../elsewhere.yaml"));
                        })), InvalidInputException.class, "The symlink %s/metalink/metadata.yaml leads outside the"
                        + " image directory: ../elsewhere.yaml", true),
                new Case("a directory whose templates link to a host path", fx -> request(imageDirectory(fx,
                        "abslink", dir -> Files.createSymbolicLink(dir.resolve("templates/passwd.tpl"),
                                Path.of("/etc/passwd")))), InvalidInputException.class,
                        "The symlink %s/abslink/templates/passwd.tpl leads outside the image directory: /etc/passwd",
                        true),
                new Case("a directory and a rootfs file", fx -> new ImportRequest(imageDirectory(fx, "withroot",
                        dir -> { }), fx.file("r.tar.xz", rootfsTar().build(Compression.XZ)), List.of(), false,
                        Map.of()), InvalidInputException.class,
                        "The image directory %s/withroot holds the whole image: import it without a rootfs file", true),
                unified("meta-only.tar.xz", metaTar(valid).build(Compression.XZ), "Invalid instance type: the image"
                        + " tarball has no rootfs/ or rootfs.img (is it the metadata tarball of a split image?)"),
                unified("random.bin", TarBuilder.random(10_000), "Unsupported compression"),
                unified("empty.tar", new byte[0], "Unsupported compression"),
                unified("text.txt", "just some text\n".getBytes(), "Unsupported compression"),
                unifiedPrefix("truncated.tar.gz", truncated(Compression.GZIP), "Truncated or corrupt image tarball: "),
                unifiedPrefix("truncated.tar.xz", truncated(Compression.XZ), "Truncated or corrupt image tarball: "),
                unifiedPrefix("truncated.tar.bz2", truncated(Compression.BZIP2), "Truncated or corrupt image tarball"),
                unifiedPrefix("truncated.tar.zst", truncated(Compression.ZSTD), "Truncated or corrupt image tarball"),
                unified("nometa.tar.gz", new TarBuilder().dir("rootfs/").file("rootfs/a", "a").build(Compression.GZIP),
                        "Metadata tarball is missing metadata.yaml"),
                unified("emptytar.tar", new TarBuilder().tar(), "Unsupported compression"),
                unified("emptytar.tar.gz", new TarBuilder().build(Compression.GZIP),
                        "Metadata tarball is missing metadata.yaml"),
                unifiedPrefix("badyaml.tar.gz", image("architecture: [x86_64\ncreation_date: 1\n"),
                        "Invalid metadata.yaml: line "),
                unified("toplevel-list.tar.gz", image("- a\n- b\n"),
                        "Invalid metadata.yaml: the top level must be a mapping"),
                unified("emptyyaml.tar.gz", image(""), "Invalid metadata.yaml: the top level must be a mapping"),
                unified("huge.tar.gz", image("architecture: x86_64\ncreation_date: 1700000000\n# "
                        + "x".repeat(1 << 20) + "\n"), "metadata.yaml is larger than 1 MiB"),
                unifiedPrefix("bomb.tar.gz", image(aliasBomb()), "Invalid metadata.yaml: "),
                unified("noarch.tar.gz", image("creation_date: 1700000000\n"), "Architecture isn't supported: "),
                unified("sparc.tar.gz", image("architecture: sparc99\ncreation_date: 1700000000\n"),
                        "Architecture isn't supported: sparc99"),
                unified("nodate.tar.gz", image("architecture: x86_64\n"), "Missing creation date"),
                unified("zerodate.tar.gz", image("architecture: x86_64\ncreation_date: 0\n"), "Missing creation date"),
                unified("dotdot.tar.gz", new TarBuilder().file("../evil", "x").file("metadata.yaml", valid)
                        .build(Compression.GZIP), "Unsafe path in image tarball: ../evil"),
                unified("dotdot-inside.tar.gz", new TarBuilder().file("metadata.yaml", valid)
                        .file("templates/../../evil", "x").dir("rootfs/").build(Compression.GZIP),
                        "Unsafe path in image tarball: templates/../../evil"),
                unified("absolute.tar.gz", new TarBuilder().file("/etc/passwd", "x").file("metadata.yaml", valid)
                        .build(Compression.GZIP), "Unsafe path in image tarball: /etc/passwd"),
                unified("metadir.tar.gz", new TarBuilder().dir("metadata.yaml/").dir("rootfs/").build(Compression.GZIP),
                        "Cannot read non-regular file \"metadata.yaml/\""),
                unified("metalink.tar.gz", new TarBuilder().symlink("metadata.yaml", "/etc/passwd").dir("rootfs/")
                        .build(Compression.GZIP), "Cannot read non-regular file \"metadata.yaml\""),
                unified("twometa.tar.gz", new TarBuilder().file("metadata.yaml", valid).file("./metadata.yaml", valid)
                        .dir("rootfs/").build(Compression.GZIP), "The image tarball contains more than one metadata.yaml"),
                unified("squashfs-as-unified", ImageFixture.squashfs(),
                        "A squashfs file can only be the rootfs of a split image, not its image tarball"),
                split("split-missing-template",
                        new TarBuilder().file("metadata.yaml", valid).build(Compression.XZ),
                        rootfsTar().build(Compression.XZ),
                        "Template file \"hostname.tpl\" for /etc/hostname is missing from the metadata tarball"),
                split("split-random-rootfs", metaTar(valid).build(Compression.XZ), TarBuilder.random(5000),
                        "Unsupported compression"),
                split("split-squashfs-meta", ImageFixture.squashfs(), rootfsTar().build(Compression.XZ),
                        "A squashfs file can only be the rootfs of a split image, not its metadata tarball"),
                split("split-nometa", new TarBuilder().dir("templates/").build(Compression.XZ),
                        rootfsTar().build(Compression.XZ), "Metadata tarball is missing metadata.yaml"),
                new Case("split-truncated-meta", fx -> {
                    byte[] meta = metaTar(valid).file("templates/pad.bin", TarBuilder.random(100_000))
                            .build(Compression.XZ);
                    return new ImportRequest(fx.file("m.tar.xz", Arrays.copyOf(meta, meta.length - 100)),
                            fx.file("r.tar.xz", rootfsTar().build(Compression.XZ)), List.of("new-alias"), false,
                            Map.of());
                }, InvalidInputException.class, "Truncated or corrupt metadata tarball: ", false),
                new Case("split-missing-rootfs", fx -> new ImportRequest(
                        fx.file("m.tar.xz", metaTar(valid).build(Compression.XZ)), fx.files.resolve("gone.tar.xz"),
                        List.of(), false, Map.of()), InvalidInputException.class,
                        "open %s/gone.tar.xz: no such file or directory", true),
                new Case("split-rootfs-directory", fx -> new ImportRequest(
                        fx.file("m.tar.xz", metaTar(valid).build(Compression.XZ)), fx.files,
                        List.of(), false, Map.of()), InvalidInputException.class, "read %s: is a directory", true),
                new Case("alias with colon", fx -> new ImportRequest(fx.unifiedFile("ok.tar.gz", Compression.GZIP,
                        "fine"), null, List.of("good", "bad:name"), false, Map.of()), InvalidInputException.class,
                        "Alias name \"bad:name\" must not contain ':' (it separates the remote)", true),
                new Case("alias with space", fx -> new ImportRequest(fx.unifiedFile("ok.tar.gz", Compression.GZIP,
                        "fine"), null, List.of("bad name"), false, Map.of()), InvalidInputException.class,
                        "Alias name \"bad name\" must not contain spaces or control characters", true),
                new Case("empty alias", fx -> new ImportRequest(fx.unifiedFile("ok.tar.gz", Compression.GZIP,
                        "fine"), null, List.of(""), false, Map.of()), InvalidInputException.class,
                        "Alias name must not be empty", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputLeavesTheStoreUnchanged(Case c) {
        ImportRequest request = c.request().apply(fx);
        ImageFixture.Snapshot before = fx.snapshot();

        Throwable thrown = catchThrowable(() -> fx.images().importImage(request));

        assertThat(thrown).isInstanceOf(c.type());
        ImageFixture.assertOneLine(thrown);
        String expected = c.message().contains("%s") ? c.message().formatted(fx.files) : c.message();
        if (c.exact()) {
            assertThat(thrown).hasMessage(expected);
        } else {
            assertThat(thrown).hasMessageStartingWith(expected);
        }
        fx.assertUnchanged(before);
        assertThat(fx.images().list()).extracting(Image::fingerprint).containsExactly(existing);
        assertThat(fx.images().aliases(List.of())).extracting(AliasEntry::name).containsExactly("there");
    }

    @Test
    void duplicateImportIsAConflictThatTouchesNothing() throws IOException {
        // The file of the existing image, as the fixture wrote it.
        Path file = fx.files.resolve("already_there.tar.xz");
        Path stored = fx.imagesDir().resolve(existing);
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(stored, old);
        byte[] storedBytes = Files.readAllBytes(stored);
        ImageFixture.Snapshot before = fx.snapshot();

        Throwable thrown = catchThrowable(() -> fx.images().importImage(
                new ImportRequest(file, null, List.of("there", "dup-alias"), true, Map.of("os", "changed"))));

        assertThat(thrown).isInstanceOf(ConflictException.class)
                .hasMessage("Image with same fingerprint already exists");
        fx.assertUnchanged(before);
        assertThat(Files.getLastModifiedTime(stored)).isEqualTo(old);
        assertThat(Files.readAllBytes(stored)).isEqualTo(storedBytes);
        Image image = fx.images().get(existing);
        assertThat(image.aliases()).extracting(ImageAlias::name).containsExactly("there");
        assertThat(image.isPublic()).isFalse();
        assertThat(image.properties()).containsEntry("os", "imgshtest");
        assertThat(image.uploadedAt()).isEqualTo(ImageFixture.START);
        assertThatThrownBy(() -> fx.images().resolve("dup-alias")).hasMessage("Image not found");
    }

    @Test
    void duplicateSplitImportIsAConflict() {
        byte[] meta = metaTar(metadata("split dup")).build(Compression.XZ);
        byte[] rootfs = rootfsTar().build(Compression.XZ);
        Path m = fx.file("m.tar.xz", meta);
        Path r = fx.file("r.tar.xz", rootfs);
        String fp = fx.importSplit(m, r, "s").fingerprint();
        ImageFixture.Snapshot before = fx.snapshot();

        assertThatThrownBy(() -> fx.importSplit(m, r, "s2")).isInstanceOf(ConflictException.class)
                .hasMessage("Image with same fingerprint already exists");

        fx.assertUnchanged(before);
        assertThat(ImageFixture.listing(fx.imagesDir())).contains(fp, fp + ".rootfs");
    }

    @Test
    void aFailedImportCanBeRetriedWithGoodInput() {
        Path bad = fx.file("bad.tar.gz", image("architecture: x86_64\n"));
        assertThatThrownBy(() -> fx.importFile(bad, "retry")).isInstanceOf(InvalidInputException.class);
        String fp = fx.importFile(fx.unifiedFile("good.tar.gz", Compression.GZIP, "good"), "retry").fingerprint();
        assertThat(fx.images().resolve("retry").fingerprint()).isEqualTo(fp);
    }

    @Test
    void unreadableFileIsRefused() throws IOException {
        Path file = fx.unifiedFile("secret.tar.gz", Compression.GZIP, "secret");
        Files.setPosixFilePermissions(file, java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "running as root: permissions ignored");
        ImageFixture.Snapshot before = fx.snapshot();
        assertThatThrownBy(() -> fx.importFile(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage("open " + file + ": permission denied");
        fx.assertUnchanged(before);
    }
}
