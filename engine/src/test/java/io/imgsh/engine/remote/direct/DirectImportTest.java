package io.imgsh.engine.remote.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import io.imgsh.engine.ConflictException;
import io.imgsh.engine.Engine;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.format.Architectures;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.TarBuilder;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.ImportResult;
import io.imgsh.engine.image.MutableClock;
import io.imgsh.engine.image.UpdateSource;
import io.imgsh.engine.remote.Http;
import io.imgsh.engine.remote.TestHttpsServer;
import io.imgsh.engine.remote.Tls;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code image import https://…} (the direct protocol) against a real HTTPS server on 127.0.0.1. */
class DirectImportTest extends ImageFixtureTest {
    static final String ALLOWED = "images.direct_allowed_hosts";
    static final String MAX = "images.max_download_size";

    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();
    byte[] image;
    String fp;

    @Override
    protected ImageFixture newFixture() {
        return new ImageFixture(tmp, new Tls(server.trustStore()));
    }

    @BeforeEach
    void setUp() {
        fx.engine.config().set(ALLOWED, "127.0.0.1:" + server.base().getPort());
        image = ImageFixture.unifiedTar(ImageFixture.metadata("Direct 1.0")).build(Compression.XZ);
        fp = ImageFixture.sha256(image);
        server.put("/images/img.tar.xz", image);
        server.directImage("/latest", fp, "images/img.tar.xz");
    }

    private String url(String path) {
        return server.url(path);
    }

    private ImportResult importUrl(String url, String... aliases) {
        return fx.engine.direct().importUrl(new DirectImportRequest(url, List.of(aliases), false, Map.of()));
    }

    private void assertStoreEmpty() {
        assertThat(fx.images().list()).isEmpty();
        assertThat(fx.images().aliases(List.of())).isEmpty();
        assertThat(ImageFixture.listing(fx.imagesDir())).isEmpty();
        assertThat(ImageFixture.listing(fx.tmpDir())).isEmpty();
        assertThat(fx.events()).noneMatch(e -> e.action().startsWith("image-"));
    }

    @Test
    void importsWithTheHashAsFingerprintAndRecordsTheDirectSource() {
        AtomicReference<Headers> seen = new AtomicReference<>();
        server.handler("/pick", ex -> {
            seen.set(ex.getRequestHeaders());
            ex.getResponseHeaders().add("LXD-Image-Hash", fp.toUpperCase());
            ex.getResponseHeaders().add("LXD-Image-URL", "/images/img.tar.xz");
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        fx.images().aliases(List.of()); // nothing yet
        ImportResult result = fx.engine.direct().importUrl(new DirectImportRequest(url("/pick"), List.of("d1", "d2"),
                true, Map.of("description", "mine", "os", "")));
        assertThat(result.fingerprint()).isEqualTo(fp);
        assertThat(result.movedAliases()).isEmpty();
        assertThat(server.requests()).containsExactly("HEAD /pick", "GET /images/img.tar.xz");

        Headers h = seen.get();
        assertThat(h.getFirst("LXD-Server-Architectures"))
                .isEqualTo(String.join(", ", Architectures.hostAll()));
        if (System.getProperty("os.arch").equals("amd64")) {
            assertThat(h.getFirst("LXD-Server-Architectures")).isEqualTo("x86_64, i686");
        }
        assertThat(h.getFirst("LXD-Server-Version")).isEqualTo(Http.VERSION);
        assertThat(h.getFirst("User-Agent")).startsWith("imgsh/");

        Image img = fx.images().get(fp);
        assertThat(img.updateSource()).isEqualTo(new UpdateSource(fp, "", "direct", url("/pick"), ""));
        assertThat(img.isPublic()).isTrue();
        assertThat(img.autoUpdate()).isFalse();
        assertThat(img.cached()).isFalse();
        assertThat(img.filename()).isEqualTo("img.tar.xz");
        assertThat(img.size()).isEqualTo(image.length);
        assertThat(img.type()).isEqualTo("container");
        assertThat(img.architecture()).isEqualTo("x86_64");
        assertThat(img.properties()).containsEntry("description", "mine").doesNotContainKey("os")
                .containsEntry("release", "1.0");
        assertThat(img.aliases()).extracting(ImageAlias::name).containsExactlyInAnyOrder("d1", "d2");
        assertThat(ImageFixture.sha256(fx.imagesDir().resolve(fp))).isEqualTo(fp);
        assertThat(ImageFixture.listing(fx.tmpDir())).isEmpty();
    }

    @Test
    void aliasesMoveAsInALocalImport() throws Exception {
        byte[] other = ImageFixture.unifiedTar(ImageFixture.metadata("Other")).build(Compression.GZIP);
        Path file = tmp.resolve("other.tar.gz");
        java.nio.file.Files.write(file, other);
        String otherFp = fx.images().importImage(new io.imgsh.engine.image.ImportRequest(file, null,
                List.of("stable"), false, Map.of())).fingerprint();
        ImportResult result = importUrl(url("/latest"), "stable");
        assertThat(result.movedAliases()).containsExactly(new ImportResult.MovedAlias("stable", otherFp));
        assertThat(fx.images().resolve("stable").fingerprint()).isEqualTo(fp);

        // the same image again: refused before anything is downloaded
        server.requests().clear();
        assertThatThrownBy(() -> importUrl(url("/latest"))).isInstanceOf(ConflictException.class)
                .hasMessage("Image with same fingerprint already exists");
        assertThat(server.requests()).containsExactly("HEAD /latest");
    }

    @Test
    void missingHeadersAreRefused() {
        server.directImage("/nohash", null, "images/img.tar.xz");
        server.directImage("/nourl", fp, null);
        assertThatThrownBy(() -> importUrl(url("/nohash"))).isInstanceOf(EngineException.class)
                .hasMessage("Missing LXD-Image-Hash header");
        assertThatThrownBy(() -> importUrl(url("/nourl"))).isInstanceOf(EngineException.class)
                .hasMessage("Missing LXD-Image-URL header");
        server.directImage("/badhash", "not-a-hash", "images/img.tar.xz");
        assertThatThrownBy(() -> importUrl(url("/badhash"))).hasMessageStartingWith("Invalid LXD-Image-Hash header");
        assertThat(server.requests()).containsExactly("HEAD /nohash", "HEAD /nourl", "HEAD /badhash");
        assertStoreEmpty();
    }

    @Test
    void hashMismatchLeavesTheStoreUnchanged() {
        server.directImage("/wrong", ImageFixture.sha256("something else".getBytes(StandardCharsets.UTF_8)),
                "images/img.tar.xz");
        assertThatThrownBy(() -> importUrl(url("/wrong"), "x")).isInstanceOf(EngineException.class)
                .hasMessageStartingWith("Hash mismatch: " + url("/images/img.tar.xz") + " has SHA-256 " + fp);
        assertThat(server.requests()).containsExactly("HEAD /wrong", "GET /images/img.tar.xz");
        assertStoreEmpty();
    }

    @Test
    void urlImportIsDisabledUntilHostsAreAllowed() {
        fx.engine.config().unset(ALLOWED);
        assertThatThrownBy(() -> importUrl(url("/latest"))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Importing images from URLs is disabled: list the hosts to allow in "
                        + ALLOWED);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aHostNotOnTheListIsNeverContacted() {
        fx.engine.config().set(ALLOWED, "images.example.org");
        assertThatThrownBy(() -> importUrl(url("/latest"))).isInstanceOf(InvalidInputException.class)
                .hasMessage("Host 127.0.0.1:" + server.base().getPort() + " (the URL " + url("/latest")
                        + ") is not in " + ALLOWED + "; add it there to allow importing from it");
        // the right host on another port is another server
        fx.engine.config().set(ALLOWED, "127.0.0.1:1,localhost:" + server.base().getPort());
        assertThatThrownBy(() -> importUrl(url("/latest"))).hasMessageContaining("is not in " + ALLOWED);
        assertThat(server.requests()).isEmpty();
        // a bare host allows every port
        fx.engine.config().set(ALLOWED, "127.0.0.1");
        assertThat(importUrl(url("/latest")).fingerprint()).isEqualTo(fp);
    }

    @Test
    void plainHttpIsRefused() {
        String http = "http://127.0.0.1:" + server.base().getPort() + "/latest";
        assertThatThrownBy(() -> importUrl(http)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Only https:// URLs can be imported: the URL " + http + " uses http://");
        assertThat(server.requests()).isEmpty();
        assertStoreEmpty();
    }

    @Test
    void anImageUrlOffTheListIsRefused() {
        int port = server.base().getPort();
        server.directImage("/elsewhere", fp, "https://localhost:" + port + "/images/img.tar.xz");
        server.directImage("/plain", fp, "http://127.0.0.1:" + port + "/images/img.tar.xz");
        assertThatThrownBy(() -> importUrl(url("/elsewhere"))).isInstanceOf(InvalidInputException.class)
                .hasMessage("Host localhost:" + port + " (the LXD-Image-URL https://localhost:" + port
                        + "/images/img.tar.xz) is not in " + ALLOWED + "; add it there to allow importing from it");
        assertThatThrownBy(() -> importUrl(url("/plain"))).isInstanceOf(InvalidInputException.class)
                .hasMessage("Only https:// URLs can be imported: the LXD-Image-URL http://127.0.0.1:" + port
                        + "/images/img.tar.xz uses http://");
        assertThat(server.requests()).containsExactly("HEAD /elsewhere", "HEAD /plain");
        assertStoreEmpty();
    }

    @Test
    void redirectsAreCheckedHopByHop() {
        int port = server.base().getPort();
        server.handler("/moved", ex -> {
            ex.getResponseHeaders().add("Location", "/latest");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.handler("/away", ex -> {
            ex.getResponseHeaders().add("Location", "https://localhost:" + port + "/latest");
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        assertThatThrownBy(() -> importUrl(url("/away"))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Host localhost:" + port + " (the redirect target https://localhost:");
        assertThat(server.requests()).containsExactly("HEAD /away");
        assertStoreEmpty();
        assertThat(importUrl(url("/moved")).fingerprint()).isEqualTo(fp);
        assertThat(server.requests()).containsExactly("HEAD /away", "HEAD /moved", "HEAD /latest",
                "GET /images/img.tar.xz");
        assertThat(fx.images().get(fp).updateSource().server()).isEqualTo(url("/moved"));
    }

    @Test
    void anOversizedContentLengthIsRefusedUpFront() {
        fx.engine.config().set(MAX, String.valueOf(image.length - 1));
        assertThatThrownBy(() -> importUrl(url("/latest"))).isInstanceOf(EngineException.class)
                .hasMessage("The image at " + url("/images/img.tar.xz") + " is " + image.length
                        + " bytes, more than " + MAX + " (" + (image.length - 1) + " bytes)");
        assertStoreEmpty();
        fx.engine.config().set(MAX, String.valueOf(image.length));
        assertThat(importUrl(url("/latest")).fingerprint()).isEqualTo(fp);
    }

    @Test
    void aStreamWithoutLengthIsCutAtTheCap() {
        byte[] big = bigImage();
        String bigFp = ImageFixture.sha256(big);
        server.handler("/chunked.tar.gz", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked: no Content-Length
            try (OutputStream out = ex.getResponseBody()) {
                out.write(big);
            } catch (java.io.IOException ignored) {
                // the client hung up at the cap
            }
            ex.close();
        });
        server.directImage("/big", bigFp, "chunked.tar.gz");
        fx.engine.config().set(MAX, "100000");
        assertThatThrownBy(() -> importUrl(url("/big"))).isInstanceOf(EngineException.class)
                .hasMessage("Download of " + url("/chunked.tar.gz") + " exceeds " + MAX + " (100000 bytes)");
        assertStoreEmpty();
        fx.engine.config().unset(MAX);
        assertThat(importUrl(url("/big")).fingerprint()).isEqualTo(bigFp);
    }

    @Test
    void aStalledDownloadFailsAfterTheConfiguredStallTimeout() {
        CountDownLatch release = new CountDownLatch(1);
        server.stallAfter("/stall.tar.xz", image, image.length / 2, release);
        server.directImage("/stall", fp, "stall.tar.xz");
        fx.engine.config().set("images.download_stall_timeout", "1");
        try {
            assertThatThrownBy(() -> importUrl(url("/stall"))).isInstanceOf(EngineException.class)
                    .hasMessage("Download from 127.0.0.1:" + server.base().getPort() + " stalled: no data for 1 s");
        } finally {
            release.countDown();
        }
        assertThat(server.requests()).containsExactly("HEAD /stall", "GET /stall.tar.xz");
        assertStoreEmpty();
    }

    @Test
    void aSplitMetadataTarballIsRefused() {
        byte[] meta = ImageFixture.metaTar(ImageFixture.metadata("Split")).build(Compression.XZ);
        server.put("/meta.tar.xz", meta);
        server.directImage("/split", ImageFixture.sha256(meta), "meta.tar.xz");
        assertThatThrownBy(() -> importUrl(url("/split"))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Invalid instance type: ");
        byte[] squash = ImageFixture.squashfs();
        server.put("/rootfs.squashfs", squash);
        server.directImage("/squash", ImageFixture.sha256(squash), "rootfs.squashfs");
        assertThatThrownBy(() -> importUrl(url("/squash"))).isInstanceOf(EngineException.class);
        assertStoreEmpty();
    }

    @Test
    void aBrokenDownloadResumesWithARangeRequest() {
        byte[] big = bigImage();
        String bigFp = ImageFixture.sha256(big);
        server.put("/big.tar.gz", big);
        server.directImage("/big", bigFp, "big.tar.gz");
        server.cutOnce("/big.tar.gz", big.length / 2);
        assertThat(importUrl(url("/big")).fingerprint()).isEqualTo(bigFp);
        assertThat(server.requests()).hasSize(3).startsWith("HEAD /big", "GET /big.tar.gz");
        assertThat(server.requests().get(2)).matches("GET /big\\.tar\\.gz bytes=\\d+-");
        assertThat(server.bytesSent()).isLessThan(big.length + big.length / 2);
    }

    @Test
    void aFailingImageUrlIsReported() {
        server.directImage("/gone", fp, "nothing-here.tar.xz");
        assertThatThrownBy(() -> importUrl(url("/gone"))).isInstanceOf(EngineException.class)
                .hasMessage("Cannot fetch " + url("/nothing-here.tar.xz") + ": HTTP 404");
        assertThatThrownBy(() -> importUrl(url("/no-such-page"))).isInstanceOf(EngineException.class)
                .hasMessage("Cannot fetch " + url("/no-such-page") + ": HTTP 404");
        assertStoreEmpty();
    }

    @Test
    void aSelfSignedServerIsTrustedOnlyThroughAPinnedCertificate(@TempDir Path other) {
        try (Engine plain = Engine.open(other.resolve("home"), new MutableClock(ImageFixture.START))) {
            plain.config().set(ALLOWED, "127.0.0.1:" + server.base().getPort());
            DirectImportRequest request = new DirectImportRequest(url("/latest"), List.of(), false, Map.of());
            assertThatThrownBy(() -> plain.direct().importUrl(request)).isInstanceOf(EngineException.class)
                    .hasMessageStartingWith("Failed to connect to 127.0.0.1:" + server.base().getPort()
                            + ": TLS error");
            assertThat(server.requests()).isEmpty();
            // pinning the certificate with a remote for the same origin makes it trusted
            plain.remotes().add("pin", server.base().toString(), "simplestreams", false, true, null);
            assertThat(plain.direct().importUrl(request).fingerprint()).isEqualTo(fp);
            assertThat(plain.images().get(fp).updateSource().certificate()).isEqualTo(server.certificatePem());
        }
    }

    @Test
    void badArgumentsFailBeforeAnyRequest() {
        assertThatThrownBy(() -> importUrl(url("/latest"), "bad alias")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> importUrl("https://")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> importUrl("https://user@127.0.0.1:" + server.base().getPort() + "/latest"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> importUrl("ftp://127.0.0.1/x")).hasMessageContaining("uses ftp://");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void configKeysAreValidated() {
        assertThatThrownBy(() -> fx.engine.config().set(ALLOWED, "https://images.example.org"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cannot set '" + ALLOWED + "' to 'https://images.example.org': invalid host");
        assertThatThrownBy(() -> fx.engine.config().set(ALLOWED, "a.example.org,,b")).hasMessageContaining("empty host");
        assertThatThrownBy(() -> fx.engine.config().set(ALLOWED, "a.example.org:99999"))
                .hasMessageContaining("invalid port");
        fx.engine.config().set(ALLOWED, "images.example.org, 10.0.0.1:8443,[::1]:8443");
        assertThat(fx.engine.config().get(MAX)).isEqualTo(String.valueOf(16L << 30));
    }

    /** A unified image of ~300 KB that does not compress, so that a transfer takes several writes. */
    private static byte[] bigImage() {
        return new TarBuilder().file("metadata.yaml", ImageFixture.metadata("Big")).dir("rootfs/")
                .file("rootfs/blob", TarBuilder.random(300_000)).build(Compression.GZIP);
    }
}
