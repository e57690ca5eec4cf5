package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imgsh.engine.Engine;
import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.engine.image.MutableClock;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.CopyRequest;
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
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /1.0/images} on {@code imgsh serve}: uploads by imgsh's own lxd client ({@code image copy local:x
 * ours:}), pulls by a {@code source}, and bad uploads sent raw, each of which leaves the store as it was (no image, an
 * empty {@code tmp/}) and the server answering. One server serves every test.
 */
class ApiUploadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Engine served;
    static ApiServer server;
    static String url;
    static Engine client;
    static TlsIdentity clientIdentity;

    @BeforeAll
    static void serve() {
        served = Engine.open(dir.resolve("served"), new MutableClock(ImageFixture.START));
        server = served.serve(new InetSocketAddress("127.0.0.1", 0));
        url = "https://127.0.0.1:" + server.port();
        client = Engine.open(dir.resolve("client"), new MutableClock(ImageFixture.START));
        Path config = dir.resolve("client-config");
        client.remotes().useConfigDir(config);
        clientIdentity = TlsIdentity.loadOrCreate(config, TlsIdentity.Role.CLIENT);
        served.trust().add(clientIdentity.certificatePem(), "");
        client.remotes().add("ourst", url, null, false, true, null);
        client.remotes().add("anyone", url, null, true, true, null);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        served.close();
    }

    @AfterEach
    void limitsBack() {
        served.config().unset(ConfigKey.MAX_DOWNLOAD_SIZE.key());
        served.config().unset(ConfigKey.DOWNLOAD_STALL_TIMEOUT.key());
    }

    @Test
    void aUnifiedAndASplitImageUploadedByTheClientArriveWithTheirFingerprintAndSettings() throws Exception {
        Path file = LxdPeer.unifiedImage(dir, LxdPeer.unique("up-unified"));
        String unified = client.images().importImage(new ImportRequest(file, null, List.of(), false,
                Map.of("os", "upos"))).fingerprint();
        Path[] parts = LxdPeer.splitImage(dir, LxdPeer.unique("up-split"), 200_000);
        String split = client.images().importImage(new ImportRequest(parts[0], parts[1], List.of(), false,
                Map.of())).fingerprint();

        var copied = client.copies().copy(client.images(), unified, client.images("ourst"),
                new CopyRequest(List.of("up/u"), false, false, true), Progress.NONE);
        client.copies().copy(client.images(), split, client.images("ourst"),
                new CopyRequest(List.of(), false, false, false), Progress.NONE);

        assertThat(copied.fingerprint()).isEqualTo(unified);
        Image u = served.images().get(unified);
        assertThat(u.isPublic()).isTrue();
        assertThat(u.properties()).containsEntry("os", "upos");
        assertThat(u.filename()).isEqualTo(client.images().get(unified).filename());
        assertThat(served.images().resolve("up/u").fingerprint()).isEqualTo(unified);
        Image s = served.images().get(split);
        assertThat(s.isPublic()).isFalse();
        assertThat(s.type()).isEqualTo("container");
        assertThat(Files.readAllBytes(served.images().files(split).get(1))).isEqualTo(Files.readAllBytes(parts[1]));
        assertThat(s.size()).isEqualTo(Files.size(parts[0]) + Files.size(parts[1]));
    }

    @Test
    void anUploadIsADownloadingImageOperationEndingWithFingerprintAndSize() throws Exception {
        byte[] image = Files.readAllBytes(LxdPeer.unifiedImage(dir, LxdPeer.unique("op")));
        JsonNode started = post(image, "application/octet-stream", "X-LXD-filename", "op.tar.gz",
                "X-LXD-public", "1", "X-LXD-properties", "os=a%20b&release=r%26s", "X-LXD-properties",
                "release=x&variant=v+w");
        assertThat(started.get("type").asText()).isEqualTo("async");
        assertThat(started.get("metadata").get("description").asText()).isEqualTo("Downloading image");
        JsonNode done = waitFor(started);
        assertThat(done.get("status").asText()).isEqualTo("Success");
        String fp = done.get("metadata").get("fingerprint").asText();
        assertThat(done.get("metadata").get("size").asText()).isEqualTo(String.valueOf(image.length));
        Image stored = served.images().get(fp);
        assertThat(stored.filename()).isEqualTo("op.tar.gz");
        assertThat(stored.isPublic()).isTrue();
        assertThat(stored.properties()).containsEntry("os", "a b").containsEntry("release", "x")
                .containsEntry("variant", "v w");

        JsonNode again = waitFor(post(image, "application/octet-stream"));
        assertThat(again.get("status").asText()).isEqualTo("Failure");
        assertThat(again.get("err").asText()).isEqualTo("Image with same fingerprint already exists");
    }

    @Test
    void aSplitUploadTakesItsTypeAndFileNameFromItsRootfsPart() throws Exception {
        Path[] parts = LxdPeer.splitImage(dir, LxdPeer.unique("vm"), 1000);
        byte[] meta = Files.readAllBytes(parts[0]);
        byte[] disk = Files.readAllBytes(parts[1]);
        String boundary = "vmboundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"; filename=\"meta.tar.xz\""
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(meta);
        body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"rootfs.img\"; filename=\"disk.qcow2\""
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(disk);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        JsonNode done = waitFor(post(body.toByteArray(), "multipart/form-data; boundary=" + boundary,
                "X-LXD-filename", "meta.tar.xz"));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Success");
        Image vm = served.images().get(done.get("metadata").get("fingerprint").asText());
        assertThat(vm.type()).isEqualTo("virtual-machine");
        assertThat(vm.filename()).isEqualTo("disk.qcow2");
        assertThat(vm.size()).isEqualTo(meta.length + disk.length);
    }

    @Test
    void imagesThatAreNotOrNotTheOneAnnouncedAreRefusedAndNothingIsKept() throws Exception {
        byte[] image = Files.readAllBytes(LxdPeer.unifiedImage(dir, LxdPeer.unique("refused")));
        String wrong = "0".repeat(64);
        byte[] garbage = new byte[5000];
        new SecureRandom().nextBytes(garbage);
        byte[] meta = Files.readAllBytes(LxdPeer.splitImage(dir, LxdPeer.unique("refused-split"), 10)[0]);
        String boundary = "b0undary";
        byte[] wrongPart = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"; filename=\"m\""
                + "\r\n\r\n" + new String(meta, StandardCharsets.ISO_8859_1) + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"disk\"; filename=\"d\"\r\n\r\nxyz\r\n--" + boundary
                + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        List<String> before = fingerprints();

        assertThat(failure(post(image, "application/octet-stream", "X-LXD-fingerprint", wrong)))
                .startsWith("Fingerprints don't match, got ").endsWith(" expected " + wrong);
        assertThat(failure(post(garbage, "application/octet-stream"))).isEqualTo("Unsupported compression");
        assertThat(failure(post(Arrays.copyOf(image, image.length / 2), "application/octet-stream")))
                .isNotEmpty();
        assertThat(failure(post(wrongPart, "multipart/form-data; boundary=" + boundary)))
                .isEqualTo("Invalid multipart image");
        assertThat(failure(post(image, "multipart/form-data"))).isEqualTo("Invalid multipart image");
        byte[] overlongHeader = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"; x="
                + "a".repeat(1 << 20)).getBytes(StandardCharsets.US_ASCII);
        assertThat(failure(post(overlongHeader, "multipart/form-data; boundary=" + boundary)))
                .isEqualTo("Import failed: Invalid multipart body: a header line is longer than 64 KiB");

        assertThat(fingerprints()).isEqualTo(before);
        assertThat(tmp()).isEmpty();
    }

    @Test
    void anUntrustedClientCannotUpload() throws Exception {
        byte[] image = Files.readAllBytes(LxdPeer.unifiedImage(dir, LxdPeer.unique("untrusted")));
        HttpResponse<InputStream> answer = client.remotes().http(client.remotes().get("anyone")).send(
                Http.request(URI.create(url + "/1.0/images")).POST(HttpRequest.BodyPublishers.ofByteArray(image))
                        .build());
        try (InputStream in = answer.body()) {
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("not authorized");
        }
    }

    @Test
    void aBodyThatStallsIsCutAfterTheStallTimeout() throws Exception {
        served.config().set(ConfigKey.DOWNLOAD_STALL_TIMEOUT.key(), "1");
        List<String> before = fingerprints();
        try (SSLSocket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("Content-Length: 100000"));
            out.write(new byte[] {0x1f, (byte) 0x8b});
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains(
                    "The upload stalled: nothing arrived for 1s (images.download_stall_timeout)");
        }
        assertThat(fingerprints()).isEqualTo(before);
        assertThat(tmp()).isEmpty();
        assertThat(served.images().list()).hasSameSizeAs(before);
        assertServerAnswers();
    }

    @Test
    void aBodyLargerThanTheMaximumIsCut() throws Exception {
        byte[] image = Files.readAllBytes(LxdPeer.unifiedImage(dir, LxdPeer.unique("big")));
        served.config().set(ConfigKey.MAX_DOWNLOAD_SIZE.key(), String.valueOf(image.length - 1));
        List<String> before = fingerprints();
        String excess = "The upload exceeds images.max_download_size (" + (image.length - 1) + " bytes)";
        try (SSLSocket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("Transfer-Encoding: chunked"));
            out.write((Integer.toHexString(image.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(image);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains(excess);
        }
        try (SSLSocket socket = connect()) {
            socket.getOutputStream().write(head("Content-Length: " + image.length));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").contains(excess);
        }
        assertThat(fingerprints()).isEqualTo(before);
        assertThat(tmp()).isEmpty();
        assertServerAnswers();
    }

    @Test
    void aClientThatGoesAwayMidUploadLeavesNothing() throws Exception {
        byte[] image = Files.readAllBytes(LxdPeer.unifiedImage(dir, LxdPeer.unique("away")));
        List<String> before = fingerprints();
        try (SSLSocket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("Content-Length: " + image.length));
            out.write(image, 0, image.length / 2);
            out.flush();
            eventually(() -> !tmp().isEmpty()); // the upload has begun
        }
        eventually(() -> tmp().isEmpty());
        assertThat(fingerprints()).isEqualTo(before);
        assertServerAnswers();
    }

    @Test
    void aSourceMakesTheServerPullTheImageFromAnotherServer() throws Exception {
        try (Engine other = Engine.open(dir.resolve("other"), new MutableClock(ImageFixture.START));
             ApiServer otherServer = other.serve(new InetSocketAddress("127.0.0.1", 0))) {
            Path file = LxdPeer.unifiedImage(dir, LxdPeer.unique("pulled"));
            String fp = other.images().importImage(new ImportRequest(file, null, List.of("there"), true,
                    Map.of())).fingerprint();
            Map<String, Object> request = Map.of("source", Map.of("type", "image", "mode", "pull", "server",
                            "https://127.0.0.1:" + otherServer.port(), "protocol", "lxd", "alias", "there",
                            "certificate", otherServer.identity().certificatePem()),
                    "public", true, "auto_update", true, "aliases", List.of(Map.of("name", "here")),
                    "properties", Map.of("extra", "yes"));
            JsonNode done = waitFor(post(JSON.writeValueAsBytes(request), "application/json"));
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Success");
            assertThat(done.get("metadata").get("fingerprint").asText()).isEqualTo(fp);
            assertThat(done.get("metadata").get("size").asText()).isEqualTo(String.valueOf(Files.size(file)));
            Image pulled = served.images().resolve("here");
            assertThat(pulled.fingerprint()).isEqualTo(fp);
            assertThat(pulled.isPublic()).isTrue();
            assertThat(pulled.autoUpdate()).isTrue();
            assertThat(pulled.properties()).containsEntry("extra", "yes");
            assertThat(pulled.updateSource().alias()).isEqualTo("there");

            JsonNode missing = waitFor(post(JSON.writeValueAsBytes(Map.of("source", Map.of("type", "image",
                    "server", "https://127.0.0.1:" + otherServer.port(), "alias", "nosuch", "certificate",
                    otherServer.identity().certificatePem()))), "application/x-www-form-urlencoded"));
            assertThat(missing.get("status").asText()).isEqualTo("Failure"); // JSON sent as curl -d sends it
            assertThat(missing.get("err").asText()).isEqualTo("Image not found");
            pullsAPrivateImageWithTheSecretItsServerGave(other, otherServer);
        }
        assertThatThrownBy(() -> post("{bad".getBytes(StandardCharsets.UTF_8), "application/json"))
                .hasMessageContaining("400").hasMessageContaining("Invalid JSON: ");
        assertThat(failure(post("{\"source\":{\"type\":\"url\",\"url\":\"https://example.com/x\"}}"
                .getBytes(StandardCharsets.UTF_8), "application/json")))
                .startsWith("Importing images from URLs is disabled");
    }

    /** As {@code lxc image copy} asks an LXD daemon for a private image: by fingerprint, with a secret. */
    private static void pullsAPrivateImageWithTheSecretItsServerGave(Engine other, ApiServer otherServer)
            throws Exception {
        String otherUrl = "https://127.0.0.1:" + otherServer.port();
        String hidden = other.images().importImage(new ImportRequest(LxdPeer.unifiedImage(dir,
                LxdPeer.unique("hidden")), null, List.of(), false, Map.of())).fingerprint();
        Map<String, String> source = Map.of("type", "image", "mode", "pull", "server", otherUrl, "fingerprint",
                hidden, "certificate", otherServer.identity().certificatePem());
        assertThat(failure(post(JSON.writeValueAsBytes(Map.of("source", source)), "application/json")))
                .isEqualTo("Image not found");

        other.trust().add(clientIdentity.certificatePem(), "");
        client.remotes().add("other", otherUrl, null, false, true, null);
        HttpResponse<InputStream> token = client.remotes().http(client.remotes().get("other")).send(
                Http.request(URI.create(otherUrl + "/1.0/images/" + hidden + "/secret"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                        .build());
        String secret;
        try (InputStream in = token.body()) {
            secret = JSON.readTree(in).get("metadata").get("metadata").get("secret").asText();
        }
        Map<String, String> withSecret = new HashMap<>(source);
        withSecret.put("secret", secret);
        JsonNode done = waitFor(post(JSON.writeValueAsBytes(Map.of("source", withSecret)), "application/json"));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Success");
        assertThat(served.images().get(hidden).isPublic()).isFalse();
    }

    /** POSTs {@code body} as the trusted client; returns the async answer (anything else fails the test). */
    private static JsonNode post(byte[] body, String contentType, String... headers) throws IOException {
        HttpRequest.Builder request = Http.request(URI.create(url + "/1.0/images"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<InputStream> answer = client.remotes().http(client.remotes().get("ourst"))
                .send(request.build());
        try (InputStream in = answer.body()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (answer.statusCode() != 202) {
                throw new AssertionError(answer.statusCode() + " " + text);
            }
            return JSON.readTree(text);
        }
    }

    /** The final state of the operation {@code started} answered. */
    private static JsonNode waitFor(JsonNode started) throws IOException {
        String location = started.get("operation").asText();
        HttpResponse<InputStream> answer = client.remotes().http(client.remotes().get("ourst")).send(
                Http.request(URI.create(url + location + "/wait?timeout=-1")).GET().build());
        try (InputStream in = answer.body()) {
            return JSON.readTree(in).get("metadata");
        }
    }

    private static String failure(JsonNode started) throws IOException {
        JsonNode done = waitFor(started);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Failure");
        return done.get("err").asText();
    }

    private static List<String> fingerprints() {
        return served.images().list().stream().map(Image::fingerprint).sorted().toList();
    }

    private static List<Path> tmp() {
        try (Stream<Path> files = Files.list(served.home().resolve("tmp"))) {
            return files.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for {@code condition}, which the server brings about on a thread of its own. */
    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 3000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private static void assertServerAnswers() throws IOException {
        HttpResponse<InputStream> answer = client.remotes().http(client.remotes().get("ourst")).send(
                Http.request(URI.create(url + "/1.0/images")).GET().build());
        try (InputStream in = answer.body()) {
            assertThat(answer.statusCode()).isEqualTo(200);
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** The head of a raw upload by the trusted client, with {@code framing} (its length or chunking). */
    private static byte[] head(String framing) {
        return ("POST /1.0/images HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                + framing + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A TLS connection to the server as the trusted client, to send what no well-behaved client sends. */
    private static SSLSocket connect() throws Exception {
        return RawTls.connect(server.port(), clientIdentity.keyManagers());
    }
}
