package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.Engine;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageETag;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.MutableClock;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.Http;
import io.imgsh.engine.remote.TlsIdentity;
import io.imgsh.engine.remote.lxd.LxdPeer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imgsh serve} over a store, read by imgsh's own lxd client from another store: what an untrusted client
 * sees (public images only; a private one answers as a missing one), what a trusted one sees, exports with a
 * resumed range, and copies that land with the same fingerprint. One server serves every test.
 */
class ApiServerTest {
    @TempDir
    static Path dir;
    static Engine served;
    static ApiServer server;
    static String url;
    static Engine client;
    static String unified;
    static String split;
    static String secret;
    static byte[] unifiedBytes;

    @BeforeAll
    static void serve() throws Exception {
        served = Engine.open(dir.resolve("served"), new MutableClock(ImageFixture.START));
        Path uni = LxdPeer.unifiedImage(dir, "served-unified");
        Path[] parts = LxdPeer.splitImage(dir, "served-split", 300_000);
        Path priv = LxdPeer.unifiedImage(dir, "served-private");
        unifiedBytes = Files.readAllBytes(uni);
        unified = served.images().importImage(new ImportRequest(uni, null, List.of("ubuntu/24.04"), true, Map.of()))
                .fingerprint();
        split = served.images().importImage(new ImportRequest(parts[0], parts[1], List.of("split"), true, Map.of()))
                .fingerprint();
        secret = served.images().importImage(new ImportRequest(priv, null, List.of("private"), false, Map.of()))
                .fingerprint();
        server = served.serve(new InetSocketAddress("127.0.0.1", 0));
        url = "https://127.0.0.1:" + server.port();
        client = Engine.open(dir.resolve("client"), new MutableClock(ImageFixture.START));
        client.remotes().useConfigDir(dir.resolve("client-config"));
        client.remotes().add("ours", url, null, true, true, null);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        served.close();
    }

    private static HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = Http.request(URI.create(url + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        HttpResponse<InputStream> response = client.remotes().http(client.remotes().get("ours")).send(request);
        try (InputStream in = response.body()) {
            String body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return new Wrapped(response, body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anUntrustedClientSeesThePublicImagesOnly() {
        Images ours = client.images("ours");
        assertThat(ours.readOnlyBecause()).isPresent();
        assertThat(ours.list(List.of())).extracting(Image::fingerprint).containsExactlyInAnyOrder(unified, split);
        assertThat(ours.resolve("ubuntu/24.04").fingerprint()).isEqualTo(unified);
        assertThat(ours.resolve(split.substring(0, 8)).fingerprint()).isEqualTo(split);
        for (String hidden : List.of("private", secret, secret.substring(0, 12))) {
            assertThatThrownBy(() -> ours.resolve(hidden)).as(hidden).isInstanceOf(NotFoundException.class)
                    .hasMessage("Image not found");
        }
        assertThatThrownBy(() -> ours.aliases(List.of())).hasMessage("not authorized");
        assertThat(get("/1.0/images/aliases/private").body()).contains("\"error_code\":404")
                .contains("\"error\":\"Image alias not found\"");
        assertThat(get("/1.0").body()).contains("\"auth\":\"untrusted\"").doesNotContain("environment");
    }

    @Test
    void imagesCarryLxdsETagAndTheServerFiltersAsLxcAsks() {
        HttpResponse<String> response = get("/1.0/images/" + unified);
        Image image = client.images("ours").resolve(unified);
        assertThat(response.headers().firstValue("ETag")).contains("\"" + ImageETag.of(image) + "\"");
        assertThat(client.images("ours").list(List.of("type=container", "architecture=x86_64")))
                .extracting(Image::fingerprint).containsExactlyInAnyOrder(unified, split);
        assertThat(get("/1.0/images?recursion=1&filter=fingerprint%20eq%20" + split).body())
                .contains(split).doesNotContain(unified);
        assertThat(get("/1.0/images?filter=nonsense").statusCode()).isEqualTo(400);
    }

    @Test
    void copiesArriveWithTheirFingerprintAndExportsMatchTheStoredFiles() throws Exception {
        var copied = client.copies().copy(new ImageRef("ours", "ubuntu/24.04"), "local",
                new CopyRequest(List.of("u"), false, false, false), Progress.NONE);
        assertThat(copied.fingerprint()).isEqualTo(unified);
        client.copies().copy(new ImageRef("ours", "split"), "local", new CopyRequest(List.of("s"), false, false,
                false), Progress.NONE);
        assertThat(client.images().resolve("s").fingerprint()).isEqualTo(split);
        assertThat(client.images().resolve("u").updateSource().server()).isEqualTo(url);

        Path out = Files.createDirectories(dir.resolve("exported"));
        List<Path> files = client.images("ours").export(split, out.toString(), Progress.NONE);
        List<Path> stored = served.images().files(split);
        assertThat(Files.readAllBytes(files.get(0))).isEqualTo(Files.readAllBytes(stored.get(0)));
        assertThat(Files.readAllBytes(files.get(1))).isEqualTo(Files.readAllBytes(stored.get(1)));
    }

    @Test
    void aRangeRequestResumesAUnifiedExport() {
        HttpResponse<String> whole = get("/1.0/images/" + unified + "/export");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Disposition"))
                .contains("inline;filename=" + unified + ".tar.gz");
        HttpResponse<String> rest = get("/1.0/images/" + unified + "/export", "Range", "bytes=100-");
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.headers().firstValue("Content-Range"))
                .contains("bytes 100-" + (unifiedBytes.length - 1) + "/" + unifiedBytes.length);
        assertThat(rest.body().getBytes(StandardCharsets.ISO_8859_1))
                .isEqualTo(Arrays.copyOfRange(unifiedBytes, 100, unifiedBytes.length));
        assertThat(get("/1.0/images/" + unified + "/export", "Range", "bytes=999999-").statusCode())
                .isEqualTo(416);
        assertThat(get("/1.0/images/" + secret + "/export").statusCode()).isEqualTo(404);
    }

    @Test
    void writesFromAnUntrustedClientAndUnknownPathsAreRefused() {
        HttpResponse<String> delete = send(Http.request(URI.create(url + "/1.0/images/" + unified))
                .DELETE().build());
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(delete.body()).contains("\"error\":\"not authorized\"");
        assertThat(served.images().exists(unified)).isTrue();
        assertThat(get("/1.0/instances").statusCode()).isEqualTo(404);
        assertThat(get("/1.0/images/" + unified + "/..%2F..%2Fetc").statusCode()).isEqualTo(404);
    }

    @Test
    void aClientWhoseCertificateIsTrustedSeesEverything() {
        Path config = dir.resolve("trusted-config");
        try (Engine trusted = Engine.open(dir.resolve("trusted"), new MutableClock(ImageFixture.START))) {
            trusted.remotes().useConfigDir(config);
            TlsIdentity identity = TlsIdentity.loadOrCreate(config, TlsIdentity.Role.CLIENT);
            served.trust().add(identity.certificatePem(), "");
            try {
                trusted.remotes().add("ourst", url, null, false, true, null);
                Images ours = trusted.images("ourst");
                assertThat(ours.list(List.of())).extracting(Image::fingerprint)
                        .containsExactlyInAnyOrder(unified, split, secret);
                assertThat(ours.resolve("private").fingerprint()).isEqualTo(secret);
                assertThat(ours.aliases(List.of())).extracting(a -> a.name())
                        .containsExactly("private", "split", "ubuntu/24.04");
            } finally {
                served.trust().remove(identity.fingerprint());
            }
        }
    }

    /** A response whose body was read as text (bytes kept as ISO-8859-1 characters). */
    private record Wrapped(HttpResponse<InputStream> response, String body) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return response.sslSession();
        }

        @Override
        public URI uri() {
            return response.uri();
        }

        @Override
        public java.net.http.HttpClient.Version version() {
            return response.version();
        }
    }
}
