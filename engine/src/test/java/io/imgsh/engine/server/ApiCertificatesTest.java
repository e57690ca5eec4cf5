package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.Engine;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.engine.image.MutableClock;
import io.imgsh.engine.remote.Http;
import io.imgsh.engine.remote.TlsIdentity;
import io.imgsh.engine.remote.lxd.LxdPeer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /1.0/certificates} on {@code imgsh serve}, used by imgsh's own lxd client as {@code lxc remote add
 * --password} uses it: the trust password makes a client trusted, a wrong one or none set does not and is
 * rate-limited per address, and only trusted callers list and remove certificates. Each test uses client
 * certificates of its own; the password is restored by whoever changes it.
 */
class ApiCertificatesTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path dir;
    static Engine served;
    static ApiServer server;
    static String url;
    static String hidden;

    @BeforeAll
    static void serve() throws IOException {
        served = Engine.open(dir.resolve("served"), new MutableClock(ImageFixture.START));
        hidden = served.images().importImage(new ImportRequest(LxdPeer.unifiedImage(dir, "hidden"), null,
                List.of("hidden"), false, Map.of())).fingerprint();
        served.config().set("core.trust_password", PASSWORD);
        server = served.serve(new InetSocketAddress("127.0.0.1", 0));
        url = "https://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
        served.close();
    }

    /** A client engine with a configuration directory (and so a client certificate) of its own. */
    private static Engine client(String name) {
        Engine client = Engine.open(dir.resolve(name), new MutableClock(ImageFixture.START));
        client.remotes().useConfigDir(dir.resolve(name + "-config"));
        return client;
    }

    private static String clientFingerprint(String name) {
        return TlsIdentity.load(dir.resolve(name + "-config"), TlsIdentity.Role.CLIENT).fingerprint();
    }

    private static Reply send(Engine client, String remote, HttpRequest.Builder request) {
        HttpResponse<InputStream> response = client.remotes().http(client.remotes().get(remote)).send(request.build());
        try (InputStream in = response.body()) {
            return new Reply(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpRequest.Builder request(String serverUrl, String path) {
        return Http.request(URI.create(serverUrl + path));
    }

    private static List<String> trusted() {
        return served.trust().list().stream().map(Trust.Certificate::fingerprint).toList();
    }

    @Test
    void theTrustPasswordMakesAClientTrustedWhichThenSeesAndManagesTheTrustStore() throws IOException {
        try (Engine client = client("good")) {
            client.remotes().add("ours", url, null, false, true, PASSWORD);
            String fingerprint = clientFingerprint("good");
            assertThat(trusted()).contains(fingerprint);
            assertThat(client.images("ours").list(List.of())).extracting(Image::fingerprint).contains(hidden);

            String info = send(client, "ours", request(url, "/1.0").GET()).body();
            assertThat(info).contains("\"auth\":\"trusted\"").contains("\"core.trust_password\":true")
                    .doesNotContain(PASSWORD).doesNotContain("scrypt");
            assertThat(send(client, "ours", request(url, "/1.0/certificates").GET()).body())
                    .contains("\"/1.0/certificates/" + fingerprint + "\"");
            Trust.Certificate stored = served.trust().get(fingerprint);
            assertThat(send(client, "ours", request(url, "/1.0/certificates/" + fingerprint.substring(0, 12)).GET())
                    .body()).contains("\"metadata\":{\"name\":\"" + stored.name() + "\",\"type\":\"client\","
                    + "\"restricted\":false,\"projects\":[],\"certificate\":\""
                    + stored.pem().replace("\n", "\\n") + "\",\"fingerprint\":\"" + fingerprint + "\"}");
            assertThat(send(client, "ours", request(url, "/1.0/certificates?recursion=1").GET()).body())
                    .contains("\"fingerprint\":\"" + fingerprint + "\"");

            Reply again = send(client, "ours", request(url, "/1.0/certificates")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"client\"}")));
            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(again.body()).contains("\"error\":\"Certificate already in trust store\"");

            // the store keeps the password's hash only: no byte of the database holds the clear text
            try (var files = Files.list(served.home())) {
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith("imgsh.db")).toList()) {
                    assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                            .doesNotContain(PASSWORD);
                }
            }

            Reply removed = send(client, "ours",
                    request(url, "/1.0/certificates/" + fingerprint).DELETE());
            assertThat(removed.statusCode()).isEqualTo(200);
            assertThat(trusted()).doesNotContain(fingerprint);
            assertThat(send(client, "ours", request(url, "/1.0").GET()).body()).contains("\"auth\":\"untrusted\"");
            assertThat(send(client, "ours", request(url, "/1.0/certificates/" + fingerprint).GET()).statusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void aWrongPasswordOrNoneSetIsRefusedAsLxdRefusesItAndAddsNothing() {
        try (Engine client = client("wrong")) {
            List<String> before = trusted();
            assertThatThrownBy(() -> client.remotes().add("ours", url, null, false, true, "not the password"))
                    .isInstanceOf(EngineException.class).hasMessage("not authorized");
            served.config().unset("core.trust_password");
            try {
                assertThatThrownBy(() -> client.remotes().add("ours", url, null, false, true, PASSWORD))
                        .hasMessage("not authorized");
            } finally {
                served.config().set("core.trust_password", PASSWORD);
            }
            assertThat(trusted()).isEqualTo(before);
            assertThat(client.remotes().find("ours")).isEmpty();
        }
    }

    @Test
    void untrustedCallersNeitherListNorRemoveAndMustPresentACertificate() {
        try (Engine client = client("untrusted")) {
            client.remotes().add("public", url, null, true, true, null);
            assertThat(send(client, "public", request(url, "/1.0/certificates").GET()).statusCode()).isEqualTo(403);
            assertThat(send(client, "public", request(url, "/1.0/certificates?recursion=1").GET()).body())
                    .contains("\"error\":\"not authorized\"");
            assertThat(send(client, "public", request(url, "/1.0/certificates/" + "0".repeat(64)).DELETE())
                    .statusCode()).isEqualTo(403);
            Reply noCertificate = send(client, "public", request(url, "/1.0/certificates")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"client\",\"password\":\"" + PASSWORD
                            + "\"}")));
            assertThat(noCertificate.statusCode()).isEqualTo(400);
            assertThat(noCertificate.body()).contains("\"error\":\"No client certificate provided\"");
        }
    }

    @Test
    void anAddressThatFailedTooOftenIsRefusedUncheckedUntilItsFailuresAge() {
        MutableClock clock = new MutableClock(ImageFixture.START);
        try (ApiServer limited = ApiServer.start(served, clock, new InetSocketAddress("127.0.0.1", 0));
             Engine client = client("guesser")) {
            String limitedUrl = "https://127.0.0.1:" + limited.port();
            for (int i = 0; i < PasswordAttempts.MAX_FAILURES; i++) {
                String guess = "guess " + i;
                assertThatThrownBy(() -> client.remotes().add("ours", limitedUrl, null, false, true, guess))
                        .hasMessage("not authorized");
            }
            clock.advance(PasswordAttempts.WINDOW.minusSeconds(1));
            assertThatThrownBy(() -> client.remotes().add("ours", limitedUrl, null, false, true, PASSWORD))
                    .as("the right password, refused unchecked").hasMessage("not authorized");
            assertThat(trusted()).doesNotContain(clientFingerprint("guesser"));

            clock.advance(Duration.ofSeconds(1));
            client.remotes().add("ours", limitedUrl, null, false, true, PASSWORD);
            assertThat(trusted()).contains(clientFingerprint("guesser"));
            served.trust().remove(clientFingerprint("guesser"));
        }
    }

    /** A response, its body read as text. */
    private record Reply(int statusCode, String body) {
    }
}
