package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imgsh.engine.Engine;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.event.EventType;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.engine.json.ApiTime;
import io.imgsh.engine.image.MutableClock;
import io.imgsh.engine.remote.Http;
import io.imgsh.engine.remote.TlsIdentity;
import io.imgsh.engine.remote.lxd.LxdEvents;
import io.imgsh.engine.remote.lxd.LxdPeer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /1.0/events} of {@code imgsh serve}, read by the engine's event client: changes made through another engine
 * on the same store (as another process would) arrive as LXD's lifecycle events, only those made after connecting,
 * filtered by type; an untrusted client is refused. One server serves every test.
 */
class ApiEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Engine served;
    static Engine writer;
    static ApiServer server;
    static Engine client;
    static String image;

    @BeforeAll
    static void serve() throws Exception {
        served = Engine.open(dir.resolve("served"), new MutableClock(ImageFixture.START));
        server = served.serve(new InetSocketAddress("127.0.0.1", 0));
        writer = Engine.open(dir.resolve("served"), new MutableClock(ImageFixture.START));
        image = writer.images().importImage(new ImportRequest(LxdPeer.unifiedImage(dir, "events"), null, List.of(),
                false, Map.of())).fingerprint();
        String url = "https://127.0.0.1:" + server.port();
        client = Engine.open(dir.resolve("client"), new MutableClock(ImageFixture.START));
        Path config = dir.resolve("client-config");
        client.remotes().useConfigDir(config);
        client.remotes().add("ours", url, null, true, true, null);
        served.trust().add(TlsIdentity.loadOrCreate(config, TlsIdentity.Role.CLIENT).certificatePem(), "");
        client.remotes().add("ourst", url, null, false, true, null);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        writer.close();
        served.close();
    }

    @Test
    void changesByAnotherEngineOnTheStoreArriveAsLifecycleEventsFromWhenTheClientConnected() throws Exception {
        writer.images().createAlias("before-connecting", image, "");
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        try (LxdEvents events = client.remotes().events("ourst", EnumSet.of(EventType.LIFECYCLE), frames::add)) {
            writer.images().createAlias("seen", image, "");
            writer.images().renameAlias("seen", "renamed");
            writer.images().deleteAlias("renamed");

            JsonNode created = next(frames);
            assertThat(created.path("type").asText()).isEqualTo("lifecycle");
            assertThat(created.path("location").asText()).isEqualTo("none");
            assertThat(created.path("project").asText()).isEqualTo("default");
            assertThat(created.path("timestamp").asText()).isEqualTo(ApiTime.format(ImageFixture.START));
            assertThat(created.path("metadata").toString()).isEqualTo("{\"action\":\"image-alias-created\","
                    + "\"source\":\"/1.0/images/aliases/seen\",\"context\":{\"target\":\"" + image + "\"}}");
            assertThat(next(frames).path("metadata").toString()).isEqualTo("{\"action\":\"image-alias-renamed\","
                    + "\"source\":\"/1.0/images/aliases/renamed\",\"context\":{\"old_name\":\"seen\"}}");
            assertThat(next(frames).path("metadata").toString()).isEqualTo("{\"action\":\"image-alias-deleted\","
                    + "\"source\":\"/1.0/images/aliases/renamed\"}");
        } finally {
            writer.images().deleteAlias("before-connecting");
        }
    }

    @Test
    void eachClientGetsTheTypesItAskedFor() throws Exception {
        BlockingQueue<String> all = new LinkedBlockingQueue<>();
        BlockingQueue<String> operations = new LinkedBlockingQueue<>();
        try (LxdEvents allEvents = client.remotes().events("ourst", EnumSet.allOf(EventType.class), all::add);
             LxdEvents operationEvents = client.remotes().events("ourst", Set.of(EventType.OPERATION),
                     operations::add)) {
            writer.images().createAlias("typed", image, "");
            assertThat(next(all).path("metadata").path("action").asText()).isEqualTo("image-alias-created");
            // the feed has handed that lifecycle event out by now; the operation-only client was not given it
            server.operationEvents().operationChanged(Map.of("id", "op-1", "status", "Running"));
            JsonNode operation = next(operations);
            assertThat(operation.path("type").asText()).isEqualTo("operation");
            assertThat(operation.path("metadata").toString()).contains("\"id\":\"op-1\"");
            assertThat(next(all).path("type").asText()).isEqualTo("operation");
        } finally {
            writer.images().deleteAlias("typed");
        }
    }

    @Test
    void aClientThatFallsBehindIsDisconnectedWhileTheOthersGetEverything() throws Exception {
        // more than the kernel can buffer between the server and a client that has stopped reading (loopback
        // buffers grow to tens of MB), then a backlog of 2 frames on the server: the slow client must be dropped
        int frames = 192;
        String padding = "x".repeat(256 * 1024);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slowReceived = new AtomicInteger();
        BlockingQueue<String> fast = new LinkedBlockingQueue<>();
        try (ApiServer small = ApiServer.start(served, Clock.systemUTC(), new InetSocketAddress("127.0.0.1", 0),
                TestLimits.eventBacklog(2))) {
            client.remotes().add("small", "https://127.0.0.1:" + small.port(), null, false, true, null);
            try (LxdEvents slow = client.remotes().events("small", Set.of(EventType.OPERATION), frame -> {
                    slowReceived.incrementAndGet();
                    await(release);
                });
                 LxdEvents quick = client.remotes().events("small", Set.of(EventType.OPERATION), fast::add)) {
                for (int i = 0; i < frames; i++) {
                    small.operationEvents().operationChanged(Map.of("id", "op-" + i, "padding", padding));
                    assertThat(next(fast).path("metadata").path("id").asText()).isEqualTo("op-" + i);
                }
                release.countDown();
                // bounded only so that a client wrongly kept fails the test instead of hanging it
                CompletableFuture<Void> slowEnd = CompletableFuture.runAsync(() -> {
                    try {
                        slow.awaitEnd();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThatThrownBy(() -> slowEnd.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(EngineException.class);
                assertThat(slowReceived.get()).isLessThan(frames);
            }
        } finally {
            release.countDown();
            client.remotes().remove("small");
        }
    }

    @Test
    void stoppingTheServerEndsItsStreamsWithTheReason() throws Exception {
        ApiServer stopping = ApiServer.start(served, Clock.systemUTC(), new InetSocketAddress("127.0.0.1", 0));
        try {
            client.remotes().add("stopping", "https://127.0.0.1:" + stopping.port(), null, false, true, null);
            try (LxdEvents events = client.remotes().events("stopping", Set.of(EventType.LIFECYCLE), frame -> { })) {
                stopping.close();
                assertThatThrownBy(events::awaitEnd).isInstanceOf(EngineException.class)
                        .hasMessage("The server ended the event stream (1001 Container being shut down)");
            }
        } finally {
            stopping.close();
            client.remotes().remove("stopping");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anUntrustedClientIsRefusedAsByLxd() {
        assertThatThrownBy(() -> client.remotes().events("ours", Set.of(EventType.LIFECYCLE), frame -> { }))
                .isInstanceOf(EngineException.class).hasMessage("not authorized");
    }

    @Test
    void anUnknownTypeIsLxdsError() throws Exception {
        Http http = client.remotes().http(client.remotes().get("ourst"));
        HttpResponse<InputStream> response = http.send(Http.request(
                URI.create(client.remotes().get("ourst").url() + "/1.0/events?type=lifecycle,bogus")).GET().build());
        try (InputStream in = response.body()) {
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("\"error\":\"\\\"bogus\\\" isn't a supported event type\"");
        }
    }

    /** The next frame; waiting is bounded only so that a broken stream fails the test instead of hanging it. */
    private static JsonNode next(BlockingQueue<String> frames) throws Exception {
        String frame = frames.poll(60, TimeUnit.SECONDS);
        assertThat(frame).as("an event frame").isNotNull();
        return JSON.readTree(frame);
    }
}
