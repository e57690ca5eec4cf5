package io.imgsh.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.Engine;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Simplestreams over real HTTPS on loopback: mapping, trust, copy, hash checks and resumption. */
class SimpleStreamsTest extends ImageFixtureTest {
    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();
    StreamsTree tree;
    StreamsTree.Version old;
    StreamsTree.Version newest;
    StreamsTree.Version arm;

    @BeforeEach
    void setUp() {
        tree = new StreamsTree(server);
        ObjectNode amd = tree.product("imgshtest:1.0:amd64:default", "imgshtest", "1.0", "amd64",
                "imgshtest/1.0,imgshtest/stable");
        old = tree.version(amd, "20260101_0300", true, true);
        newest = tree.version(amd, "20260201_0300", true, true);
        tree.version(amd, "2026", true, false); // malformed serial: skipped
        ObjectNode arm64 = tree.product("imgshtest:1.0:arm64:default", "imgshtest", "1.0", "arm64",
                "imgshtest/1.0");
        arm = tree.version(arm64, "20260201_0300", false, true);
        ObjectNode weird = tree.product("imgshtest:1.0:pdp11:default", "imgshtest", "1.0", "pdp11", "pdp");
        tree.version(weird, "20260201_0300", true, false); // unknown architecture: skipped
        tree.publish();
    }

    private Images addPinned() {
        fx.engine.remotes().add("ss", server.base().toString(), "simplestreams", false, true, null);
        return fx.engine.images("ss");
    }

    @Test
    void productsMapToImagesAsLxdDoes() {
        Remote remote = fx.engine.remotes().add("ss", server.base().toString(), "simplestreams", false, true, null);
        assertThat(remote.certificate()).isEqualTo(server.certificatePem());
        assertThat(remote.isPublic()).isTrue();
        assertThat(remote.authType()).isEqualTo("none");
        Images ss = fx.engine.images("ss");
        List<String> fps = ss.list(List.of()).stream().map(Image::fingerprint).toList();
        assertThat(fps).containsExactlyInAnyOrder(old.squashfs(), old.rootxz(), newest.squashfs(), newest.rootxz(),
                arm.rootxz());

        // newest serial and squashfs win the plain alias and the /arch alias
        assertThat(ss.resolve("imgshtest/1.0").fingerprint()).isEqualTo(newest.squashfs());
        assertThat(ss.resolve("imgshtest/stable/amd64").fingerprint()).isEqualTo(newest.squashfs());
        assertThat(ss.resolve("imgshtest/1.0/arm64").fingerprint()).isEqualTo(arm.rootxz());
        assertThat(ss.aliases(List.of())).extracting(AliasEntry::name).containsExactly("imgshtest/1.0",
                "imgshtest/1.0/amd64", "imgshtest/1.0/arm64", "imgshtest/stable", "imgshtest/stable/amd64");

        Image image = ss.resolve("imgshtest/1.0");
        assertThat(image.architecture()).isEqualTo("x86_64");
        assertThat(image.type()).isEqualTo("container");
        assertThat(image.isPublic()).isTrue();
        assertThat(image.createdAt()).isEqualTo(Instant.parse("2026-02-01T03:00:00Z"));
        assertThat(image.filename()).isEqualTo("lxd.tar.xz");
        assertThat(image.properties()).containsEntry("os", "imgshtest").containsEntry("release", "1.0")
                .containsEntry("architecture", "amd64").containsEntry("serial", "20260201_0300")
                .containsEntry("type", "squashfs").containsEntry("label", "release")
                .containsEntry("requirements.secureboot", "false")
                .containsEntry("description", "imgshtest 1.0 LTS (release) (default)");
        assertThat(image.aliases()).extracting(ImageAlias::name).containsExactly("imgshtest/1.0",
                "imgshtest/1.0/amd64", "imgshtest/stable", "imgshtest/stable/amd64");

        // fingerprint prefixes
        assertThat(ss.resolve(old.rootxz().substring(0, 12)).fingerprint()).isEqualTo(old.rootxz());
        assertThatThrownBy(() -> ss.resolve("nope")).isInstanceOf(NotFoundException.class)
                .hasMessage("Image not found");
    }

    @Test
    void withoutAPinnedCertificateTheSystemStoreDecides() {
        fx.engine.remotes().add("ss", server.base().toString(), "simplestreams", false, false, null);
        assertThatThrownBy(() -> fx.engine.images("ss").list(List.of())).isInstanceOf(EngineException.class)
                .hasMessageContaining("127.0.0.1:" + server.base().getPort()).hasMessageContaining("TLS");
        // a store that trusts the server's certificate (the "system" store of this test) accepts it
        try (Engine trusting = Engine.open(tmp.resolve("home2"), fx.clock, new Tls(server.trustStore()))) {
            trusting.remotes().add("ss", server.base().toString(), "simplestreams", false, false, null);
            assertThat(trusting.images("ss").list(List.of())).hasSize(5);
        }
    }

    @Test
    void aPinnedCertificateIsTheOnlyOneTrusted() throws Exception {
        fx.engine.remotes().add("ss", server.base().toString(), "simplestreams", false, true, null);
        assertThat(fx.engine.images("ss").list(List.of())).isNotEmpty();
        // pinned to some other certificate (any CA from the JDK's store): the server is refused
        java.security.KeyStore cacerts = java.security.KeyStore.getInstance(
                Path.of(System.getProperty("java.home"), "lib", "security", "cacerts").toFile(),
                "changeit".toCharArray());
        String otherPem = Tls.pem((java.security.cert.X509Certificate) cacerts.getCertificate(
                cacerts.aliases().nextElement()));
        Images wrong = fx.engine.remotes().imagesAt(server.base().toString(), "simplestreams", otherPem);
        assertThatThrownBy(() -> wrong.list(List.of())).isInstanceOf(EngineException.class)
                .hasMessageContaining("127.0.0.1:" + server.base().getPort()).hasMessageContaining("TLS");
    }

    @Test
    void anUnreachableServerIsAnErrorNamingTheHost() {
        fx.engine.remotes().add("gone", "https://127.0.0.1:1", "simplestreams", false, false, null);
        assertThatThrownBy(() -> fx.engine.images("gone").list(List.of())).isInstanceOf(EngineException.class)
                .hasMessage("Failed to connect to 127.0.0.1:1: connection refused");
    }

    @Test
    void copyByAliasStoresVerifiedFilesAndTheSource() throws Exception {
        Images ss = addPinned();
        CopyService.CopyResult r = fx.engine.copies().copy(ss, "imgshtest/1.0", fx.images(),
                new CopyRequest(List.of("mine"), false, true, false), Progress.NONE);
        assertThat(r.fingerprint()).isEqualTo(newest.squashfs());
        assertThat(r.downloaded()).isTrue();
        Image local = fx.images().resolve("mine");
        assertThat(local.fingerprint()).isEqualTo(newest.squashfs());
        assertThat(local.autoUpdate()).isTrue();
        assertThat(local.isPublic()).isFalse();
        assertThat(local.updateSource().alias()).isEqualTo("imgshtest/1.0");
        assertThat(local.updateSource().server()).isEqualTo(server.base().toString());
        assertThat(local.updateSource().protocol()).isEqualTo("simplestreams");
        assertThat(local.updateSource().certificate()).isEqualTo(server.certificatePem());
        assertThat(local.properties()).containsEntry("serial", "20260201_0300");
        assertThat(StreamsTree.sha256(Files.readAllBytes(fx.imagesDir().resolve(r.fingerprint())),
                Files.readAllBytes(fx.imagesDir().resolve(r.fingerprint() + ".rootfs"))))
                .isEqualTo(r.fingerprint());

        // by fingerprint: no update source; copying again only adds aliases
        CopyService.CopyResult again = fx.engine.copies().copy(ss, newest.squashfs().substring(0, 12), fx.images(),
                new CopyRequest(List.of("again"), true, false, false), Progress.NONE);
        assertThat(again.downloaded()).isFalse();
        assertThat(fx.images().resolve("again").aliases()).extracting(ImageAlias::name)
                .contains("mine", "again", "imgshtest/1.0", "imgshtest/stable/amd64");
        CopyService.CopyResult byFp = fx.engine.copies().copy(ss, old.rootxz(), fx.images(),
                new CopyRequest(List.of(), false, false, false), Progress.NONE);
        assertThat(fx.images().get(byFp.fingerprint()).updateSource()).isNull();
    }

    @Test
    void exportWritesTheFilesUnderLxdsNamesOnceTheyHashToTheFingerprint() throws Exception {
        Images ss = addPinned();
        Path out = Files.createDirectories(tmp.resolve("out"));
        String fp = newest.squashfs();
        assertThat(ss.export(fp, out.toString(), Progress.NONE))
                .containsExactly(out.resolve("meta-" + fp + ".tar.xz"), out.resolve(fp + ".squashfs"));
        assertThat(StreamsTree.sha256(Files.readAllBytes(out.resolve("meta-" + fp + ".tar.xz")),
                Files.readAllBytes(out.resolve(fp + ".squashfs")))).isEqualTo(fp);

        // a file that is not what the catalog says leaves nothing behind, not even a partial file
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        byte[] wrong = new byte[4096];
        server.put(newest.squashfsPath(), wrong);
        assertThatThrownBy(() -> fx.engine.images("ss").export(fp, bad.toString(), Progress.NONE))
                .hasMessageStartingWith("Hash mismatch for https://127.0.0.1:");
        try (Stream<Path> left = Files.list(bad)) {
            assertThat(left).isEmpty();
        }
    }

    private static final String PRODUCT = "imgshtest:1.0:amd64:default";
    private static final String ROOT_ITEM = PRODUCT + "/20260201_0300/root.squashfs";

    private void copyNewest() {
        fx.engine.copies().copy(fx.engine.images("ss"), "imgshtest/1.0", fx.images(),
                new CopyRequest(List.of("mine"), false, false, false), Progress.NONE);
    }

    private void assertNothingStored() throws Exception {
        assertThat(fx.images().list()).isEmpty();
        assertThat(fx.images().aliases(List.of())).isEmpty();
        try (Stream<Path> images = Files.list(fx.imagesDir());
             Stream<Path> partials = Files.list(fx.tmpDir())) {
            assertThat(images).isEmpty();
            assertThat(partials).isEmpty();
        }
    }

    /** The image files requested from the server (index and products files aside). */
    private List<String> fileRequests() {
        return server.requests().stream().filter(r -> !r.startsWith("GET /streams/")).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:%d/secret | leaves",
            "../../secret | leads above"})
    void anItemPathOffTheStreamIsRefusedBeforeAnyDownload(String template, String why) throws Exception {
        try (Bystander bystander = new Bystander()) {
            String path = template.formatted(bystander.port());
            tree.items(PRODUCT, "20260201_0300").with("root.squashfs").put("path", path);
            tree.publish();
            addPinned();
            assertThatThrownBy(this::copyNewest).isInstanceOf(EngineException.class)
                    .hasMessage("Refused simplestreams item " + ROOT_ITEM + ": its path \"" + path + "\" " + why + " "
                            + server.base() + "/");
            assertThat(bystander.contacted()).isFalse();
        }
        assertThat(fileRequests()).isEmpty();
        assertNothingStored();
    }

    @Test
    void anIndexEntryOffTheStreamIsRefused() {
        try (Bystander bystander = new Bystander()) {
            String elsewhere = "https://127.0.0.1:" + bystander.port() + "/streams/v1/images.json";
            server.put("/streams/v1/index.json", ("{\"format\":\"index:1.0\",\"index\":{\"images\":{\"datatype\":"
                    + "\"image-downloads\",\"path\":\"" + elsewhere + "\",\"products\":[\"" + PRODUCT + "\"]}}}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThatThrownBy(() -> addPinned().list(List.of())).isInstanceOf(EngineException.class)
                    .hasMessage("Refused simplestreams index entry images: its path \"" + elsewhere + "\" leaves "
                            + server.base() + "/");
            assertThat(bystander.contacted()).isFalse();
        }
    }

    @Test
    void anImageWhoseFingerprintIsNotASha256IsNotListedSoItNamesNoFile() throws Exception {
        String evil = "../outside/evil";
        tree.items(PRODUCT, "20260201_0300").with("lxd.tar.xz").put("combined_squashfs_sha256", evil);
        tree.publish();
        Images ss = addPinned();
        assertThat(ss.list(List.of())).extracting(Image::fingerprint).doesNotContain(evil);
        assertThatThrownBy(() -> fx.engine.copies().copy(ss, evil, fx.images(),
                new CopyRequest(List.of(), false, false, false), Progress.NONE))
                .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        assertNothingStored();

        // the alias goes to the version's other image, which exports into the target alone
        Image image = ss.resolve("imgshtest/1.0");
        assertThat(image.fingerprint()).isEqualTo(newest.rootxz());
        Path target = Files.createDirectories(tmp.resolve("target"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        assertThat(ss.export(image.fingerprint(), target.toString(), Progress.NONE)).allMatch(f -> f.startsWith(target));
        assertThat(ImageFixture.listing(outside)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"size", "sha256"})
    void anItemWithoutSizeOrSha256IsRefusedAsLxdRefusesIt(String field) throws Exception {
        tree.items(PRODUCT, "20260201_0300").with("root.squashfs").remove(field);
        tree.publish();
        addPinned();
        assertThatThrownBy(this::copyNewest).isInstanceOf(EngineException.class)
                .hasMessage("Refused simplestreams item " + ROOT_ITEM + ": it publishes no " + field);
        assertThat(fileRequests()).isEmpty();
        assertNothingStored();
    }

    @Test
    void aFileLongerThanPublishedIsCutAtItsSize() throws Exception {
        long size = tree.items(PRODUCT, "20260201_0300").path("root.squashfs").path("size").asLong();
        server.put(newest.squashfsPath(), new byte[(int) size * 4]);
        addPinned();
        assertThatThrownBy(this::copyNewest).isInstanceOf(EngineException.class)
                .hasMessage("Download of " + server.base() + newest.squashfsPath() + " exceeds the announced size of "
                        + size + " bytes");
        assertNothingStored();
    }

    @Test
    void aStalledFileFailsAfterTheConfiguredStallTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.stallAfter(newest.squashfsPath(), new byte[100_000], 1000, release);
        fx.engine.config().set("images.download_stall_timeout", "1");
        addPinned();
        try {
            assertThatThrownBy(this::copyNewest).isInstanceOf(EngineException.class)
                    .hasMessage("Download from 127.0.0.1:" + server.base().getPort() + " stalled: no data for 1 s");
        } finally {
            release.countDown();
        }
        assertThat(fileRequests()).noneMatch(r -> r.contains("bytes="));
        assertThat(fx.images().list()).isEmpty();
        // what arrived is kept for the next copy to continue: the metadata file and the rootfs's first 1000 bytes
        assertThat(Files.size(fx.tmpDir().resolve("download-" + newest.squashfs() + ".1"))).isEqualTo(1000);
        assertThat(ImageFixture.listing(fx.tmpDir())).containsExactlyInAnyOrder("download-" + newest.squashfs()
                + ".0", "download-" + newest.squashfs() + ".1");
    }

    @Test
    void aCorruptedFileIsAHashErrorAndLeavesTheStoreUnchanged() throws Exception {
        Images ss = addPinned();
        byte[] bad = new byte[4096];
        bad[0] = 'h';
        server.put(newest.squashfsPath(), bad);
        assertThatThrownBy(() -> fx.engine.copies().copy(ss, "imgshtest/1.0", fx.images(),
                new CopyRequest(List.of("mine"), false, false, false), Progress.NONE))
                .isInstanceOf(EngineException.class).hasMessageStartingWith("Hash mismatch for https://127.0.0.1:");
        assertNothingStored();
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() {
        Images ss = addPinned();
        ss.list(List.of()); // index and products fetched before counting
        long metaSize = tree.items(PRODUCT, "20260201_0300").path("lxd.tar.xz").path("size").asLong();
        long rootSize = tree.items(PRODUCT, "20260201_0300").path("root.squashfs").path("size").asLong();
        long before = server.bytesSent();
        server.cutOnce(newest.squashfsPath(), rootSize / 2);
        CopyService.CopyResult r = fx.engine.copies().copy(ss, "imgshtest/1.0", fx.images(),
                new CopyRequest(List.of(), false, false, false), Progress.NONE);
        assertThat(r.fingerprint()).isEqualTo(newest.squashfs());
        assertThat(fx.images().get(r.fingerprint()).fingerprint()).isEqualTo(newest.squashfs());
        assertThat(server.requests()).contains("GET " + newest.squashfsPath() + " bytes=" + rootSize / 2 + "-");
        long sent = server.bytesSent() - before;
        assertThat(sent).as("no byte sent twice").isEqualTo(metaSize + rootSize)
                .isLessThan(metaSize + rootSize + rootSize / 2);
        assertThat(r.bytesTransferred()).isEqualTo(metaSize + rootSize);
    }
}
