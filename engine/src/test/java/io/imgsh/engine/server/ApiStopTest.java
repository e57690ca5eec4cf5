package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imgsh.engine.Engine;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.engine.image.MutableClock;
import io.imgsh.engine.remote.Http;
import io.imgsh.engine.remote.TlsIdentity;
import io.imgsh.engine.remote.lxd.LxdPeer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code imgsh serve} stops while requests are still in flight; each test stops a server of its own. */
class ApiStopTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static MutableClock clock;
    static Engine served;
    static Engine client;

    @BeforeAll
    static void open() {
        clock = new MutableClock(ImageFixture.START);
        served = Engine.open(dir.resolve("served"), clock);
        client = Engine.open(dir.resolve("client"), clock);
        Path config = dir.resolve("client-config");
        client.remotes().useConfigDir(config);
        served.trust().add(TlsIdentity.loadOrCreate(config, TlsIdentity.Role.CLIENT).certificatePem(), "");
    }

    @AfterAll
    static void close() {
        client.close();
        served.close();
    }

    @Test
    void stoppingAnswersAWaitAtOnceWithTheOperationAsItIs() throws Exception {
        String fp = served.images().importImage(new ImportRequest(LxdPeer.unifiedImage(dir, LxdPeer.unique("wait")),
                null, List.of(), false, Map.of())).fingerprint();
        // a /wait would hold its answer for an hour; the stop waits 30 s for it, then would cut it
        ApiServer server = ApiServer.start(served, clock, new InetSocketAddress("127.0.0.1", 0),
                TestLimits.waits(Duration.ofHours(1), Duration.ofSeconds(30)));
        try {
            client.remotes().add("waited", "https://127.0.0.1:" + server.port(), null, false, true, null);
            Http http = client.remotes().http(client.remotes().get("waited"));
            String url = "https://127.0.0.1:" + server.port();
            // a download token stays running until it is used or cancelled
            String token = json(http.send(Http.request(URI.create(url + "/1.0/images/" + fp + "/secret"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build())).get("metadata").get("id").asText();
            CompletableFuture<JsonNode> waited = CompletableFuture.supplyAsync(() -> json(http.send(Http.request(
                    URI.create(url + "/1.0/operations/" + token + "/wait?timeout=-1")).GET().build())));
            awaitWaiting();

            server.close();

            JsonNode answer = waited.get();
            assertThat(answer.get("status_code").asInt()).isEqualTo(200);
            assertThat(answer.get("metadata").get("id").asText()).isEqualTo(token);
            assertThat(answer.get("metadata").get("status").asText()).isEqualTo("Running");
        } finally {
            server.close();
            client.remotes().remove("waited");
        }
    }

    @Test
    void aRequestStillInFlightAfterTheStopTimeoutIsCutAndTheStopSucceeds() throws Exception {
        ApiServer server = ApiServer.start(served, clock, new InetSocketAddress("127.0.0.1", 0),
                TestLimits.waits(Operations.MAX_WAIT, Duration.ofMillis(100)));
        try (SSLSocket socket = RawTls.connect(server.port(), null)) {
            // a body promised and never sent: the request stays in flight, reading, until it is cut
            OutputStream out = socket.getOutputStream();
            out.write(("POST /1.0/certificates HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            assertThat(lines.readLine()).as("the handler reads the body").startsWith("HTTP/1.1 100");
            out.write('{');
            out.flush();

            server.close(); // what is tested: it cuts the request and returns, where it threw a TimeoutException
        } finally {
            server.close();
        }
    }

    private static JsonNode json(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return JSON.readTree(in);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Until a request thread waits for an operation. */
    private static void awaitWaiting() throws InterruptedException {
        while (Thread.getAllStackTraces().values().stream().noneMatch(stack -> List.of(stack).stream()
                .anyMatch(frame -> frame.getClassName().equals(Operation.class.getName())
                        && frame.getMethodName().equals("await")))) {
            Thread.sleep(10);
        }
    }
}
