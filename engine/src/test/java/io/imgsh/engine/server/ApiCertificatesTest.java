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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /1.0/certificates} on {@code imgsh serve}, used by imgsh's own lxd client as {@code lxc remote add
 * --password} uses it: the trust password makes a client trusted, a wrong one or none set does not and is
 * rate-limited per address, and only trusted callers list and remove certificates. What a caller without a trusted
 * certificate may cost the server is bounded ({@link ServerLimits}). Each test uses client certificates of its own;
 * the password is restored by whoever changes it.
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

    @Test
    void anUntrustedBodyBeyondItsCapIsRefusedUnread() throws Exception {
        String tooLarge = "Request body too large: more than 64 KiB from an untrusted client";
        int cap = ServerLimits.DEFAULT.untrustedBodyBytes();
        try (SSLSocket socket = RawTls.connect(server.port(), null)) {
            socket.getOutputStream().write(head("POST", "/1.0/certificates", "Content-Length: " + (cap + 1)));
            Reply announced = read(socket.getInputStream());
            assertThat(announced.statusCode()).isEqualTo(413);
            assertThat(announced.body()).contains("\"error\":\"" + tooLarge + "\"");
        }
        String body = "{\"type\":\"client\",\"password\":\"" + "x".repeat(cap) + "\"}";
        try (SSLSocket socket = RawTls.connect(server.port(), null)) {
            OutputStream out = socket.getOutputStream();
            out.write(head("POST", "/1.0/certificates", "Transfer-Encoding: chunked"));
            out.write((Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Reply chunked = read(socket.getInputStream());
            assertThat(chunked.statusCode()).isEqualTo(413);
            assertThat(chunked.body()).contains("\"error\":\"" + tooLarge + "\"");
        }
    }

    @Test
    void slowUntrustedBodiesAreReadAFewAtATimeAndKeepNoTrustedCallerWaiting() throws Exception {
        int readers = 2;
        int slow = 8; // as many as the server has threads: unbounded, they would hold every one
        ServerLimits limits = TestLimits.untrusted(slow, readers, Duration.ofMinutes(1), 2);
        String body = "{\"type\":\"client\",\"password\":\"a guess\"}";
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        List<SSLSocket> sockets = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(slow);
        try (ApiServer limited = start(limits); Engine client = client("patient")) {
            String limitedUrl = "https://127.0.0.1:" + limited.port();
            client.remotes().add("ours", limitedUrl, null, false, true, PASSWORD);
            CompletionService<Reply> replies = new ExecutorCompletionService<>(pool);
            Map<Future<Reply>, OutputStream> pending = new LinkedHashMap<>();
            for (int i = 0; i < slow; i++) {
                SSLSocket socket = RawTls.connect(limited.port(), null);
                sockets.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(head("POST", "/1.0/certificates", "Content-Length: " + bytes.length));
                out.write(bytes, 0, 1);
                out.flush();
                pending.put(replies.submit(() -> read(socket.getInputStream())), out);
            }
            Set<Future<Reply>> answered = new HashSet<>();
            for (int i = 0; i < slow - readers; i++) {
                Future<Reply> busy = replies.take();
                answered.add(busy);
                assertThat(busy.get().statusCode()).isEqualTo(503);
                assertThat(busy.get().body())
                        .contains("\"error\":\"Too many requests from untrusted clients at once, try again later\"");
            }

            assertThat(send(client, "ours", request(limitedUrl, "/1.0").GET()).body())
                    .contains("\"auth\":\"trusted\"");

            pending.keySet().removeAll(answered);
            assertThat(pending).hasSize(readers);
            for (Map.Entry<Future<Reply>, OutputStream> reading : pending.entrySet()) {
                reading.getValue().write(bytes, 1, bytes.length - 1);
                reading.getValue().flush();
                assertThat(reading.getKey().get().statusCode()).as("read in full, then checked").isEqualTo(403);
            }
        } finally {
            for (SSLSocket socket : sockets) {
                socket.close();
            }
            pool.shutdownNow();
            served.trust().remove(clientFingerprint("patient"));
        }
    }

    @Test
    void anUntrustedBodyThatDoesNotArriveInTimeIsAnswered408() throws Exception {
        ServerLimits limits = TestLimits.untrusted(200, 8, Duration.ofMillis(100), 2);
        try (ApiServer limited = start(limits); SSLSocket socket = RawTls.connect(limited.port(), null)) {
            socket.getOutputStream().write(head("POST", "/1.0/certificates", "Content-Length: 100"));
            socket.getOutputStream().write('{');
            socket.getOutputStream().flush();
            Reply late = read(socket.getInputStream());
            assertThat(late.statusCode()).isEqualTo(408);
            assertThat(late.body()).contains("\"error\":\"The request body did not arrive within 100ms\"");
        }
    }

    @Test
    void anAttemptThatFindsNoPasswordCheckFreeIsAnswered503AndNotCounted() {
        ServerLimits limits = TestLimits.untrusted(200, 8, ServerLimits.DEFAULT.untrustedBodyTime(), 0);
        try (ApiServer limited = start(limits); Engine client = client("turned-away")) {
            String limitedUrl = "https://127.0.0.1:" + limited.port();
            for (int i = 0; i <= PasswordAttempts.MAX_FAILURES; i++) {
                assertThatThrownBy(() -> client.remotes().add("ours", limitedUrl, null, false, true, PASSWORD))
                        .as("attempt %d", i).hasMessage("Too many trust password checks at once, try again later");
            }
            assertThat(trusted()).doesNotContain(clientFingerprint("turned-away"));
        }
    }

    @Test
    void aBodyTheClientBreaksOffIsA400() throws Exception {
        TlsIdentity identity = TlsIdentity.loadOrCreate(dir.resolve("breaking-config"), TlsIdentity.Role.CLIENT);
        served.trust().add(identity.certificatePem(), "breaking");
        try (SSLSocket socket = RawTls.connect(server.port(), identity.keyManagers())) {
            socket.getOutputStream().write(head("PUT", "/1.0/images/" + hidden, "Content-Length: 100"));
            socket.getOutputStream().write('{');
            socket.shutdownOutput(); // TLS 1.3's close_notify: the body ends 99 bytes early
            Reply broken = read(socket.getInputStream());
            assertThat(broken.statusCode()).isEqualTo(400);
            assertThat(broken.body()).contains("\"error\":\"The request body could not be read: Early EOF\"");
        } finally {
            served.trust().remove(identity.fingerprint());
        }
    }

    private static ApiServer start(ServerLimits limits) {
        return ApiServer.start(served, Clock.systemUTC(), new InetSocketAddress("127.0.0.1", 0), limits);
    }

    private static byte[] head(String method, String path, String framing) {
        return (method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + framing
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One response off a raw connection: its status, and its body as long as its {@code Content-Length} says. */
    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The connection ended within the response head: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)").matcher(text);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes();
        return new Reply(Integer.parseInt(text.substring(9, 12)), new String(body, StandardCharsets.UTF_8));
    }

    /** A response, its body read as text. */
    private record Reply(int statusCode, String body) {
    }
}
