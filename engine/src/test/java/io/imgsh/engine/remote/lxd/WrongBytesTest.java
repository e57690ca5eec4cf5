package io.imgsh.engine.remote.lxd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.MultipartPartsTest;
import io.imgsh.engine.format.TarBuilder;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.Remote;
import io.imgsh.engine.remote.TestHttpsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bytes that are not the image asked for, on either side of a transfer: an lxd server whose export (unified, or the
 * multipart body of a split image) hashes to another fingerprint than the one it announced, and an lxd server that
 * stores an upload under another fingerprint or refuses it. Loopback HTTPS servers play both servers, since the
 * real LXD peer neither serves wrong bytes nor miscomputes a fingerprint.
 */
class WrongBytesTest extends ImageFixtureTest {
    @AutoClose
    final TestHttpsServer source = new TestHttpsServer();
    @AutoClose
    final TestHttpsServer target = new TestHttpsServer();
    LxdImages sourceLxd;
    LxdImages targetLxd;

    @BeforeEach
    void setUp() {
        sourceLxd = server("source", source);
        targetLxd = server("target", target);
    }

    /** A trusted (not public) lxd remote, which imgsh may write to. */
    private static LxdImages server(String name, TestHttpsServer fake) {
        return new LxdImages(new Remote(name, fake.base().toString(), Remote.LXD, "tls", false, false,
                fake.certificatePem()), fake.client());
    }

    /** The same bytes with one flipped: as long as the original, so no size limit refuses them first. */
    private static byte[] flipped(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length / 2] ^= 0x55;
        return copy;
    }

    /**
     * Announces an image on the source, as {@code GET /1.0/images/<fp>}, whose export sends other bytes: a unified
     * tarball, or a split image's multipart body with a corrupted rootfs. Returns the announced fingerprint and the
     * one the sent bytes have.
     */
    private String[] serveWrongBytes(boolean split) throws IOException {
        byte[] meta = ImageFixture.metaTar(ImageFixture.metadata("wrong")).build(Compression.XZ);
        byte[] rootfs = new TarBuilder().dir("rootfs/").file("rootfs/blob", TarBuilder.random(200_000))
                .build(Compression.GZIP);
        byte[] unified = new TarBuilder().file("metadata.yaml", ImageFixture.metadata("wrong")).dir("rootfs/")
                .file("rootfs/blob", TarBuilder.random(200_000)).build(Compression.GZIP);
        String fp = split ? ImageFixture.sha256(meta, rootfs) : ImageFixture.sha256(unified);
        String sent = split ? ImageFixture.sha256(meta, flipped(rootfs)) : ImageFixture.sha256(flipped(unified));
        if (split) {
            FakeLxdImage.announce(source, fp, meta.length + rootfs.length);
            String export = "/1.0/images/" + fp + "/export";
            source.put(export, MultipartPartsTest.body(meta, flipped(rootfs), 1)).headers(export,
                    Map.of("Content-Type", "multipart/form-data; boundary=" + MultipartPartsTest.BOUNDARY));
        } else {
            FakeLxdImage.serveUnified(source, fp, flipped(unified));
        }
        return new String[] {fp, sent};
    }

    private void assertNothingStored() {
        assertThat(fx.images().list()).isEmpty();
        assertThat(fx.images().aliases(List.of())).isEmpty();
        assertThat(fx.tmpDir().toFile().list()).isEmpty();
        assertThat(fx.imagesDir().toFile().list()).isEmpty();
    }

    @ParameterizedTest(name = "split={0}")
    @ValueSource(booleans = {false, true})
    void aCopyWhoseBytesAreNotTheFingerprintIsRefusedAndStoresNothing(boolean split) throws IOException {
        String[] fp = serveWrongBytes(split);
        assertThatThrownBy(() -> fx.engine.copies().copy(sourceLxd, fp[0], fx.images(),
                new CopyRequest(List.of("mine"), false, false, false), Progress.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessage("Image fingerprint mismatch: the server announced " + fp[0] + " but the files hash to "
                        + fp[1]);
        assertNothingStored();
    }

    @ParameterizedTest(name = "split={0}")
    @ValueSource(booleans = {false, true})
    void anExportWhoseBytesAreNotTheFingerprintLeavesNoFile(boolean split, @TempDir Path out) throws IOException {
        String[] fp = serveWrongBytes(split);
        assertThatThrownBy(() -> sourceLxd.export(fp[0], out.toString(), Progress.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessage("Image fingerprint mismatch: expected " + fp[0] + ", got " + fp[1]);
        assertThat(out.toFile().list()).isEmpty();
        assertNothingStored();
    }

    @Test
    void aRelayOfWrongBytesNeverReachesTheTarget() throws IOException {
        String[] fp = serveWrongBytes(false);
        assertThatThrownBy(() -> fx.engine.copies().copy(sourceLxd, fp[0], targetLxd,
                new CopyRequest(List.of("there"), false, false, false), Progress.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessage("Image fingerprint mismatch: the server announced " + fp[0] + " but the files hash to "
                        + fp[1]);
        assertThat(target.requests()).isEmpty();
        assertNothingStored();
    }

    /** A local image to push, with an alias that a push asks to copy along. */
    private String storedImage() throws IOException {
        Path file = Files.write(tmp.resolve("local.tar.xz"),
                ImageFixture.unifiedTar(ImageFixture.metadata("local")).build(Compression.XZ));
        fx.images().importImage(new ImportRequest(file, null, List.of("local"), false, Map.of()));
        return ImageFixture.sha256(file);
    }

    /**
     * The target as LXD answers an upload: {@code POST /1.0/images} starts an operation, whose {@code /wait}
     * answers {@code operation} (the operation's JSON); the image is not there before.
     */
    private void targetAnswersUploadWith(String operation) {
        target.handler("/1.0/images", ex -> {
            ex.getRequestBody().readAllBytes();
            send(ex, 202, """
                    {"type":"async","status":"Operation created","status_code":100,"operation":"/1.0/operations/up",
                     "error_code":0,"error":"","metadata":{"id":"up","status":"Running","status_code":103}}""");
        });
        target.put("/1.0/operations/up/wait", ("""
                {"type":"sync","status":"Success","status_code":200,"operation":"","error_code":0,"error":"",
                 "metadata":%s}""".formatted(operation)).getBytes(StandardCharsets.UTF_8));
    }

    /** The target answers an upload with {@code other} as the fingerprint it stored, and lets it be deleted. */
    private void targetStoresUnder(String other) {
        targetAnswersUploadWith("""
                {"id":"up","status":"Success","status_code":200,"err":"","metadata":{"fingerprint":"%s"}}"""
                .formatted(other));
        target.handler("/1.0/images/" + other, ex -> send(ex, 200, """
                {"type":"sync","status":"Success","status_code":200,"operation":"","error_code":0,"error":"",
                 "metadata":{}}"""));
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Test
    void anUploadTheTargetStoresUnderAnotherFingerprintIsRemovedThereAndGetsNoAlias() throws IOException {
        String fp = storedImage();
        String other = ImageFixture.sha256("other bytes".getBytes(StandardCharsets.UTF_8));
        targetStoresUnder(other);

        assertThatThrownBy(() -> fx.engine.copies().copy(fx.images(), fp, targetLxd,
                new CopyRequest(List.of("there"), true, false, false), Progress.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessage("Image fingerprint mismatch: uploaded " + fp + " but the server stored " + other);
        assertThat(target.requests()).containsExactly("GET /1.0/images/" + fp, "POST /1.0/images",
                "GET /1.0/operations/up/wait", "DELETE /1.0/images/" + other);
        assertThat(fx.images().list()).extracting(i -> i.fingerprint()).containsExactly(fp);
        assertThat(fx.tmpDir().toFile().list()).isEmpty();
    }

    @Test
    void anUploadTheTargetRefusesIsItsErrorAndGetsNoAlias() throws IOException {
        String fp = storedImage();
        targetAnswersUploadWith("""
                {"id":"up","status":"Failure","status_code":400,"err":"Failed to import image: bad tarball",
                 "metadata":null}""");

        assertThatThrownBy(() -> fx.engine.copies().copy(fx.images(), fp, targetLxd,
                new CopyRequest(List.of("there"), true, false, false), Progress.NONE))
                .isInstanceOf(EngineException.class).hasMessage("Failed to import image: bad tarball");
        assertThat(target.requests()).containsExactly("GET /1.0/images/" + fp, "POST /1.0/images",
                "GET /1.0/operations/up/wait");
        assertThat(fx.images().list()).extracting(i -> i.fingerprint()).containsExactly(fp);
    }

    @Test
    void aRelayTheTargetStoresUnderAnotherFingerprintKeepsNoLocalCopy() {
        byte[] unified = new TarBuilder().file("metadata.yaml", ImageFixture.metadata("right")).dir("rootfs/")
                .file("rootfs/blob", TarBuilder.random(1000)).build(Compression.GZIP);
        String fp = ImageFixture.sha256(unified);
        FakeLxdImage.serveUnified(source, fp, unified);
        String other = ImageFixture.sha256("other bytes".getBytes(StandardCharsets.UTF_8));
        targetStoresUnder(other);

        assertThatThrownBy(() -> fx.engine.copies().copy(sourceLxd, fp, targetLxd,
                new CopyRequest(List.of("there"), false, false, false), Progress.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessage("Image fingerprint mismatch: uploaded " + fp + " but the server stored " + other);
        assertThat(target.requests()).endsWith("DELETE /1.0/images/" + other).noneMatch(r -> r.contains("aliases"));
        assertNothingStored();
    }
}
