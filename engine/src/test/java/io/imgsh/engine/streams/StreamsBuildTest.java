package io.imgsh.engine.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.TestHttpsServer;
import io.imgsh.store.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code streams build} and {@code streams verify} on real files; the tree read back by imgsh's simplestreams client.
 */
class StreamsBuildTest extends ImageFixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BuildOptions ALL = new BuildOptions(List.of(), false, 0, false);

    StreamsFixture images;
    Path tree;

    @BeforeEach
    void setUp() {
        images = new StreamsFixture(fx);
        tree = tmp.resolve("tree");
    }

    /** The last progress a build reported: bytes placed and the total to place. */
    private long[] progress;

    private BuildReport build(BuildOptions options) {
        progress = null;
        return fx.engine.streams().build(tree, options, (done, total) -> progress = new long[] {done, total});
    }

    private JsonNode products() throws IOException {
        return JSON.readTree(tree.resolve("streams/v1/images.json").toFile()).path("products");
    }

    @Test
    void publishesSplitImagesWithTheirCombinedHashAndUnifiedOnesWhole() throws Exception {
        String sq = images.squashfs("1.0", "20260101_0300", true, "test/sq");
        String tar = images.rootTar("2.0", "20260101_0300", "test/tar");
        String uni = images.unified("3.0", "20260101_0300", "test/uni");
        images.squashfs("4.0", "20260101_0300", false, "test/private");

        BuildReport report = build(ALL);
        assertThat(report.images()).isEqualTo(3);
        assertThat(report.products()).isEqualTo(3);

        JsonNode index = JSON.readTree(tree.resolve("streams/v1/index.json").toFile()).path("index").path("images");
        assertThat(index.path("datatype").asText()).isEqualTo("image-downloads");
        assertThat(index.path("path").asText()).isEqualTo("streams/v1/images.json");
        assertThat(index.path("products")).extracting(JsonNode::asText).containsExactly(
                "imgshtest:1.0:default:x86_64", "imgshtest:2.0:default:x86_64", "imgshtest:3.0:default:x86_64");

        JsonNode p = products().path("imgshtest:1.0:default:x86_64");
        assertThat(p.path("aliases").asText()).isEqualTo("test/sq");
        assertThat(p.path("arch").asText()).isEqualTo("x86_64");
        assertThat(p.path("os").asText()).isEqualTo("imgshtest");
        assertThat(p.path("release").asText()).isEqualTo("1.0");
        JsonNode items = p.path("versions").path("20260101_0300").path("items");
        JsonNode meta = items.path("lxd.tar.xz");
        assertThat(meta.path("ftype").asText()).isEqualTo("lxd.tar.xz");
        assertThat(meta.path("combined_squashfs_sha256").asText()).isEqualTo(sq);
        assertThat(meta.has("combined_rootxz_sha256")).isFalse();
        JsonNode root = items.path("root.squashfs");
        assertThat(root.path("ftype").asText()).isEqualTo("squashfs");
        Path metaFile = tree.resolve(meta.path("path").asText());
        Path rootFile = tree.resolve(root.path("path").asText());
        assertThat(meta.path("sha256").asText()).isEqualTo(ImageFixture.sha256(metaFile));
        assertThat(root.path("size").asLong()).isEqualTo(Files.size(rootFile));
        assertThat(ImageFixture.sha256(metaFile, rootFile)).isEqualTo(sq);

        JsonNode tarItems = products().path("imgshtest:2.0:default:x86_64").path("versions").path("20260101_0300")
                .path("items");
        assertThat(tarItems.path("lxd.tar.xz").path("combined_rootxz_sha256").asText()).isEqualTo(tar);
        assertThat(tarItems.path("lxd.tar.xz").path("combined_sha256").asText()).isEqualTo(tar);
        assertThat(tarItems.path("root.tar.xz").path("ftype").asText()).isEqualTo("root.tar.xz");
        assertThat(tarItems.path("root.tar.xz").path("path").asText()).isEqualTo("images/" + tar + "/root.tar.gz");

        JsonNode whole = products().path("imgshtest:3.0:default:x86_64").path("versions").path("20260101_0300")
                .path("items").path("lxd_combined.tar.gz");
        assertThat(whole.path("ftype").asText()).isEqualTo("lxd_combined.tar.gz");
        assertThat(whole.path("sha256").asText()).isEqualTo(uni);
        assertThat(whole.path("path").asText()).isEqualTo("images/" + uni + "/image.tar.gz");

        // direct protocol: the unified image's alias only
        JsonNode direct = JSON.readTree(tree.resolve("direct/aliases.json").toFile());
        assertThat(direct.fieldNames()).toIterable().containsExactly("test/uni");
        assertThat(direct.path("test/uni").path("LXD-Image-Hash").asText()).isEqualTo(uni);
        assertThat(direct.path("test/uni").path("LXD-Image-URL").asText()).isEqualTo("/images/" + uni
                + "/image.tar.gz");
        assertThat(Files.readString(tree.resolve("direct/nginx.conf")))
                .contains("location = /test/uni {", "add_header LXD-Image-Hash \"" + uni + "\" always;",
                        "add_header LXD-Image-URL \"$scheme://$http_host/images/" + uni + "/image.tar.gz\" always;")
                .doesNotContain("test/sq", "test/tar");

        // imgsh's own simplestreams client reads it back: same fingerprints, aliases, and copies that verify
        try (TestHttpsServer server = serve()) {
            fx.engine.remotes().add("tree", server.base().toString(), "simplestreams", false, true, null);
            Images remote = fx.engine.images("tree");
            assertThat(remote.list(List.of())).extracting(Image::fingerprint).containsExactlyInAnyOrder(sq, tar, uni);
            assertThat(remote.resolve("test/sq").fingerprint()).isEqualTo(sq);
            assertThat(remote.resolve("test/tar/x86_64").fingerprint()).isEqualTo(tar);
            assertThat(remote.resolve("test/uni").properties()).containsEntry("type", "tar.gz")
                    .containsEntry("serial", "20260101_0300");
            try (ImageFixture other = new ImageFixture(tmp.resolve("other"))) {
                other.engine.remotes().add("tree", server.base().toString(), "simplestreams", false, true, null);
                for (String alias : List.of("test/sq", "test/tar", "test/uni")) {
                    String copied = other.engine.copies().copy(other.engine.images("tree"), alias, other.images(),
                            new CopyRequest(List.of(), false, false, false), Progress.NONE).fingerprint();
                    assertThat(copied).isEqualTo(remote.resolve(alias).fingerprint());
                }
                assertThat(other.images().list()).extracting(Image::fingerprint)
                        .containsExactlyInAnyOrder(sq, tar, uni);
            }
        }
    }

    /** The tree on a real HTTPS server on loopback. */
    private TestHttpsServer serve() throws IOException {
        TestHttpsServer server = new TestHttpsServer();
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                server.put("/" + tree.relativize(f), Files.readAllBytes(f));
            }
        }
        return server;
    }

    @Test
    void anUnchangedStoreWritesNothing() {
        images.squashfs("1.0", "20260101_0300", true, "a");
        images.unified("2.0", "20260101_0300", "b");
        BuildReport first = build(ALL);
        assertThat(first.added()).hasSize(3);
        long placed = 0;
        for (String added : first.added()) {
            placed += tree.resolve(added).toFile().length();
        }
        assertThat(progress).as("the progress of the files placed").containsExactly(placed, placed);
        assertThat(first.rewritten()).contains("streams/v1/index.json", "streams/v1/images.json",
                "direct/aliases.json", "direct/nginx.conf");
        Map<String, String> before = StreamsFixture.files(tree);

        fx.clock.advance(java.time.Duration.ofHours(1));
        BuildReport second = build(ALL);
        assertThat(second.unchanged()).isTrue();
        assertThat(progress).as("nothing to place, no progress").isNull();
        assertThat(StreamsFixture.files(tree)).isEqualTo(before);
    }

    @Test
    void keepsTheNewestVersionsPerProductAndRemovesOnlyTheFilesItWrote() throws Exception {
        String v1 = images.squashfs("1.0", "20260101_0300", true);
        String v2 = images.squashfs("1.0", "20260201_0300", true);
        String v3 = images.squashfs("1.0", "20260301_0300", true, "stable");
        build(ALL);
        Files.writeString(tree.resolve("images/" + v1 + "/NOTES"), "a file of the publisher's\n");
        Files.writeString(tree.resolve("README"), "mine\n");

        BuildReport report = build(new BuildOptions(List.of(), false, 2, false));
        assertThat(products().path("imgshtest:1.0:default:x86_64").path("versions").fieldNames())
                .toIterable().containsExactly("20260201_0300", "20260301_0300");
        assertThat(report.removed()).containsExactlyInAnyOrder("images/" + v1 + "/lxd.tar.xz",
                "images/" + v1 + "/root.squashfs");
        assertThat(tree.resolve("images/" + v1 + "/NOTES")).exists();
        assertThat(tree.resolve("README")).exists();
        assertThat(report.added()).isEmpty();

        fx.images().delete(v2);
        build(new BuildOptions(List.of(), false, 2, false));
        assertThat(tree.resolve("images/" + v2)).doesNotExist();
        assertThat(products().path("imgshtest:1.0:default:x86_64").path("versions").fieldNames())
                .toIterable().containsExactly("20260101_0300", "20260301_0300");
        assertThat(tree.resolve("images/" + v3 + "/root.squashfs")).exists();
    }

    @Test
    void anAliasOfAnOlderVersionIsNotedNotPublished() throws Exception {
        images.squashfs("1.0", "20260101_0300", true, "old");
        images.squashfs("1.0", "20260201_0300", true, "new", "latest");
        BuildReport report = build(ALL);
        assertThat(products().path("imgshtest:1.0:default:x86_64").path("aliases").asText()).isEqualTo("latest,new");
        assertThat(report.notes()).containsExactly("Alias \"old\" is not published: it points at an older version "
                + "of imgshtest:1.0:default:x86_64, and a simplestreams alias means the newest version");
        images.squashfs("1.0", "20260115_0300", true, "o2", "o3", "o4");
        assertThat(build(ALL).notes()).containsExactly("Aliases \"o2\", \"o3\", \"o4\" and 1 more are not "
                + "published: they point at an older version of imgshtest:1.0:default:x86_64, and a simplestreams "
                + "alias means the newest version");
    }

    @Test
    void hardLinksShareTheStoresFilesCopiesDoNot() throws Exception {
        String uni = images.unified("1.0", "20260101_0300");
        Path stored = fx.imagesDir().resolve(uni);
        build(new BuildOptions(List.of(), false, 0, true));
        assertThat(Files.isSameFile(tree.resolve("images/" + uni + "/image.tar.gz"), stored)).isTrue();

        Path copies = tmp.resolve("copies");
        fx.engine.streams().build(copies, ALL, Progress.NONE);
        Path copy = copies.resolve("images/" + uni + "/image.tar.gz");
        assertThat(Files.isSameFile(copy, stored)).isFalse();
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(stored));
    }

    @Test
    void aHardLinkToAnotherFileSystemIsAOneLineErrorThatSaysToCopy() throws Exception {
        String uni = images.unified("1.0", "20260101_0300");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        try (Mounts.Mount mount = Mounts.tmpfs(elsewhere, "1m")) {
            assertThatThrownBy(() -> fx.engine.streams().build(elsewhere, new BuildOptions(List.of(), false, 0, true),
                    Progress.NONE))
                    .isInstanceOf(EngineException.class)
                    .hasMessageStartingWith("Cannot build the simplestreams tree in " + elsewhere
                            + ": cannot hard-link images/" + uni + "/image.tar.gz to the store's ")
                    .hasMessageEndingWith("the tree must be on the store's file system; build without --hardlink "
                            + "to copy");
            assertThat(elsewhere.resolve("streams")).doesNotExist();
            assertThat(fx.engine.streams().build(elsewhere, ALL, Progress.NONE).added()).containsExactly("images/" + uni
                    + "/image.tar.gz");
        }
    }

    @Test
    void filtersSelectAsImageListAndPrivateImagesOnlyWhenAsked() throws Exception {
        String a = images.squashfs("1.0", "20260101_0300", true, "one");
        String b = images.squashfs("2.0", "20260101_0300", false, "two");
        assertThat(build(new BuildOptions(List.of("release=2.0"), false, 0, false)).images()).isZero();
        assertThat(build(new BuildOptions(List.of("release=2.0"), true, 0, false)).images()).isEqualTo(1);
        assertThat(products().fieldNames()).toIterable().containsExactly("imgshtest:2.0:default:x86_64");
        assertThat(tree.resolve("images/" + b)).exists();
        assertThat(tree.resolve("images/" + a)).doesNotExist();
    }

    @Test
    void verifyRehashesEveryFileAgainstTheJson() throws Exception {
        String sq = images.squashfs("1.0", "20260101_0300", true, "a");
        String uni = images.unified("2.0", "20260101_0300", "b");
        build(ALL);
        assertThat(fx.engine.streams().verify(tree)).isEqualTo(new VerifyReport(3, List.of()));

        Path root = tree.resolve("images/" + sq + "/root.squashfs");
        byte[] bytes = Files.readAllBytes(root);
        bytes[bytes.length / 2] ^= 1;
        Files.write(root, bytes);
        Files.delete(tree.resolve("images/" + uni + "/image.tar.gz"));
        VerifyReport report = fx.engine.streams().verify(tree);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).hasSize(2);
        assertThat(report.problems().get(0)).startsWith("imgshtest:1.0:default:x86_64/20260101_0300/root.squashfs: "
                + "images/" + sq + "/root.squashfs has SHA-256 ").endsWith(", the JSON says "
                + ImageFixture.sha256(fx.imagesDir().resolve(sq + ".rootfs")));
        assertThat(report.problems().get(1)).isEqualTo("imgshtest:2.0:default:x86_64/20260101_0300/"
                + "lxd_combined.tar.gz: images/" + uni + "/image.tar.gz is missing");

        // a combined hash that does not match its files (what LXD would refuse as a fingerprint mismatch)
        Path products = tree.resolve("streams/v1/images.json");
        Files.write(root, Files.readAllBytes(fx.imagesDir().resolve(sq + ".rootfs")));
        Files.writeString(products, Files.readString(products).replace("\"combined_squashfs_sha256\" : \"" + sq,
                "\"combined_squashfs_sha256\" : \"" + "0".repeat(64)));
        assertThat(fx.engine.streams().verify(tree).problems()).containsExactly("imgshtest:1.0:default:x86_64/"
                + "20260101_0300: the combined hash of lxd.tar.xz and root.squashfs is " + sq + ", the JSON says "
                + "0".repeat(64), "imgshtest:2.0:default:x86_64/20260101_0300/lxd_combined.tar.gz: images/" + uni
                + "/image.tar.gz is missing");
    }

    @Test
    void aReaderPollingDuringRebuildsNeverFindsTheCurrentJsonNamingAMissingFile() throws Exception {
        images.squashfs("1.0", "20260101_0000", true, "s");
        build(new BuildOptions(List.of(), false, 1, false));
        AtomicBoolean done = new AtomicBoolean();
        List<String> missing = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    JsonNode index = JSON.readTree(tree.resolve("streams/v1/index.json").toFile());
                    Path productsFile = tree.resolve(index.path("index").path("images").path("path").asText());
                    byte[] read = Files.readAllBytes(productsFile);
                    List<String> absent = new ArrayList<>();
                    for (JsonNode p : JSON.readTree(read).path("products")) {
                        for (JsonNode v : p.path("versions")) {
                            for (JsonNode item : v.path("items")) {
                                if (!Files.isRegularFile(tree.resolve(item.path("path").asText()))) {
                                    absent.add(item.path("path").asText());
                                }
                            }
                        }
                    }
                    // a file may go once the JSON that named it is replaced; while it is current, never
                    if (!absent.isEmpty() && Arrays.equals(read, Files.readAllBytes(productsFile))) {
                        missing.addAll(absent);
                    }
                    reads.incrementAndGet();
                } catch (IOException e) {
                    missing.add("unreadable JSON: " + e.getMessage());
                }
            }
        });
        reader.start();
        try {
            for (int day = 2; day <= 25; day++) {
                images.squashfs("1.0", "202601%02d_0000".formatted(day), true, "s");
                build(new BuildOptions(List.of(), false, 1, false));
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertThat(missing).isEmpty();
        assertThat(reads.get()).isPositive();
        try (Stream<Path> dirs = Files.list(tree.resolve("images"))) {
            assertThat(dirs).hasSize(1);
        }
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        assertThatThrownBy(() -> new BuildOptions(List.of(), false, -1, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid --keep -1: give the number of versions to keep per product (0 keeps all)");
        assertThatThrownBy(() -> fx.engine.streams().verify(tmp.resolve("nothing")))
                .isInstanceOf(EngineException.class)
                .hasMessage("No simplestreams tree in " + tmp.resolve("nothing")
                        + ": streams/v1/index.json is missing");

        Path file = Files.writeString(tmp.resolve("a-file"), "not a tree\n");
        assertThatThrownBy(() -> fx.engine.streams().build(file, ALL, Progress.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessage("Cannot build a simplestreams tree in " + file + ": it is not a directory");

        // a state file naming a path outside the tree is refused before anything is removed
        images.unified("1.0", "20260101_0300");
        Path outside = Files.writeString(tmp.resolve("precious"), "keep me\n");
        Files.createDirectories(tree);
        Files.writeString(tree.resolve(".imgsh-streams.json"), "[ \"../precious\" ]\n");
        assertThatThrownBy(() -> build(ALL)).isInstanceOf(EngineException.class)
                .hasMessage("Refused the path \"../precious\": it leads out of " + tree);
        assertThat(outside).exists();
        assertThat(tree.resolve("streams")).doesNotExist();
    }

    @Test
    void aSecondBuildOfTheSameTreeAtOnceIsRefused() throws Exception {
        images.unified("1.0", "20260101_0300");
        Files.createDirectories(tree);
        try (var ch = java.nio.channels.FileChannel.open(tree.resolve(".imgsh-streams.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var lock = ch.lock()) {
            assertThatThrownBy(() -> build(ALL)).isInstanceOf(EngineException.class)
                    .hasMessage("Another streams build is writing " + tree + ": try again when it is done");
        }
        assertThat(new ArrayList<>(StreamsFixture.files(tree).keySet())).containsExactly(".imgsh-streams.lock");
    }
}
