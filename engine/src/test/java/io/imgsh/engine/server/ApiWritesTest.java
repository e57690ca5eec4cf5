package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imgsh.engine.Engine;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.engine.image.Images;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trusted write side of {@code imgsh serve}: operations, image edits and deletion, aliases, secrets and bad
 * input, through imgsh's own lxd client (trusted by the served store) and raw requests. One server serves every
 * test; each test imports the images it changes.
 */
class ApiWritesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static MutableClock clock;
    static Engine served;
    static ApiServer server;
    static String url;
    static Engine client;
    static Images ours;

    @BeforeAll
    static void serve() {
        clock = new MutableClock(ImageFixture.START);
        served = Engine.open(dir.resolve("served"), clock);
        server = served.serve(new InetSocketAddress("127.0.0.1", 0));
        url = "https://127.0.0.1:" + server.port();
        client = Engine.open(dir.resolve("client"), new MutableClock(ImageFixture.START));
        Path config = dir.resolve("client-config");
        client.remotes().useConfigDir(config);
        served.trust().add(TlsIdentity.loadOrCreate(config, TlsIdentity.Role.CLIENT).certificatePem(), "");
        client.remotes().add("ourst", url, null, false, true, null);
        client.remotes().add("anyone", url, null, true, true, null);
        ours = client.images("ourst");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        served.close();
    }

    /** A new image in the served store, with its aliases; returns its fingerprint. */
    private static String imported(String tag, boolean isPublic, String... aliases) throws IOException {
        Path file = LxdPeer.unifiedImage(dir, LxdPeer.unique(tag));
        return served.images().importImage(new ImportRequest(file, null, List.of(aliases), isPublic, Map.of()))
                .fingerprint();
    }

    /** A request from the trusted client ({@code remote} "ourst") or an untrusted one ("anyone"). */
    private static Answer send(String remote, String method, String path, String body, String... headers) {
        HttpRequest.Builder request = Http.request(URI.create(url + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<InputStream> response = client.remotes().http(client.remotes().get(remote))
                .send(request.build());
        try (InputStream in = response.body()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(response.statusCode(), response.headers().map(), text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Answer trusted(String method, String path, String body, String... headers) {
        return send("ourst", method, path, body, headers);
    }

    /** A status, the headers and the body (as JSON when it is). */
    private record Answer(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @Test
    void aDeletionIsAnOperationKeptFiveSecondsAfterItFinished() throws Exception {
        String fp = imported("delete", false, "doomed");
        Answer started = trusted("DELETE", "/1.0/images/" + fp, null);
        assertThat(started.status()).isEqualTo(202);
        JsonNode op = started.json().get("metadata");
        String location = "/1.0/operations/" + op.get("id").asText();
        assertThat(started.header("Location")).isEqualTo(location);
        assertThat(started.json().get("type").asText()).isEqualTo("async");
        assertThat(started.json().get("status").asText()).isEqualTo("Operation created");
        assertThat(started.json().get("status_code").asInt()).isEqualTo(100);
        assertThat(started.json().get("operation").asText()).isEqualTo(location);
        assertThat(op.get("class").asText()).isEqualTo("task");
        assertThat(op.get("description").asText()).isEqualTo("Deleting image");
        assertThat(op.get("resources").toString()).isEqualTo("{\"images\":[\"/1.0/images/" + fp + "\"]}");
        assertThat(op.get("may_cancel").asBoolean()).isFalse();
        assertThat(op.get("location").asText()).isEqualTo("none");

        JsonNode done = trusted("GET", location + "/wait?timeout=-1", null).json().get("metadata");
        assertThat(done.get("status").asText()).isEqualTo("Success");
        assertThat(done.get("status_code").asInt()).isEqualTo(200);
        assertThat(done.get("err").asText()).isEmpty();
        assertThat(served.images().exists(fp)).isFalse();
        assertThat(served.images().aliases(List.of())).extracting(a -> a.name()).doesNotContain("doomed");
        assertThat(trusted("GET", "/1.0/operations", null).json().get("metadata").get("success").toString())
                .contains(location);
        assertThat(trusted("GET", "/1.0/operations?recursion=1", null).json().get("metadata").get("success")
                .toString()).contains("\"description\":\"Deleting image\"");
        assertThat(trusted("DELETE", location, null).body()).contains("This operation can't be cancelled");

        clock.advance(Operations.KEEP.minusMillis(1));
        assertThat(trusted("GET", location, null).status()).isEqualTo(200);
        clock.advance(Operations.KEEP);
        Answer gone = trusted("GET", location, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error").asText()).isEqualTo("Operation not found");
        assertThat(send("anyone", "GET", "/1.0/operations", null).status()).isEqualTo(403);
    }

    @Test
    void theClientsDeleteWaitsForTheOperation() throws Exception {
        String fp = imported("client-delete", true, "gone/soon");
        ours.delete(fp);
        assertThat(served.images().exists(fp)).isFalse();
        Answer again = trusted("DELETE", "/1.0/images/" + fp, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("error").asText()).isEqualTo("Image not found");
        assertThat(trusted("GET", "/1.0/operations/nonsense/wait?timeout=x", null).status()).isEqualTo(404);
    }
}
