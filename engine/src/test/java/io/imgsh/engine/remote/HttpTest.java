package io.imgsh.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.format.TarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class HttpTest {
    @AutoClose
    final TestHttpsServer server = new TestHttpsServer().put("/hello", "hello\n".getBytes(StandardCharsets.UTF_8));
    final String host = "127.0.0.1:" + server.base().getPort();

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .collect(Collectors.toSet());
    }

    @Test
    void closingEndsTheClientsSelectorThreadSoThatTheJvmCanExitAtOnce() throws InterruptedException {
        Set<Thread> before = selectorThreads();
        Http http = server.client();
        assertThat(new String(http.get(server.base().resolve("/hello"), InputStream::readAllBytes),
                StandardCharsets.UTF_8))
                .isEqualTo("hello\n");
        Set<Thread> mine = selectorThreads();
        mine.removeAll(before);
        assertThat(mine).hasSize(1);
        http.close();
        Thread selector = mine.iterator().next();
        selector.join(5_000);
        assertThat(selector.isAlive()).isFalse();
    }

    @Test
    void aBodyThatStopsComingFailsAfterTheStallTimeoutNamingTheHost() {
        server.stallAfter("/stall", new byte[1000], 10);
        try (Http http = server.client(TestHttpsServer.QUICK)) {
            assertThatThrownBy(() -> http.get(server.base().resolve("/stall"), InputStream::readAllBytes))
                    .isInstanceOf(EngineException.class)
                    .hasMessage("Download from " + host + " stalled: no data for 0.3 s");
        }
    }

    @Test
    void anInterruptedReadSaysSoNamingTheHost() throws Exception {
        server.stallAfter("/stall-long", new byte[1000], 10);
        try (Http http = server.client()) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    http.get(server.base().resolve("/stall-long"), InputStream::readAllBytes);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            reader.start();
            Thread.sleep(300);
            reader.interrupt();
            reader.join(5_000);
            assertThat(reader.isAlive()).isFalse();
            assertThat(failure.get()).isInstanceOf(EngineException.class)
                    .hasMessage("Connection to " + host + " interrupted");
        }
    }

    @Test
    void aBodyThatTricklesFailsOnTheMinimumRate() {
        server.handler("/slowloris", ex -> {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            try {
                for (int i = 0; i < 200; i++) { // a byte every 50 ms: never a stall, always too slow
                    out.write('x');
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException e) {
                // the client hung up
            }
            ex.close();
        });
        try (Http http = server.client(TestHttpsServer.QUICK)) {
            assertThatThrownBy(() -> http.get(server.base().resolve("/slowloris"), InputStream::readAllBytes))
                    .isInstanceOf(EngineException.class)
                    .hasMessageMatching("Download from " + host.replace(".", "\\.") + " is too slow: \\d+ bytes in"
                            + " 0\\.3 s, less than images\\.download_min_rate \\(1000 bytes/s\\)");
        }
    }

    @Test
    void aSlowReaderIsNotTakenForASlowServer() throws Exception {
        byte[] body = TarBuilder.random(4 << 20);
        server.put("/big", body);
        try (Http http = server.client(TestHttpsServer.QUICK)) {
            HttpResponse<InputStream> response = http.send(Http.request(server.base().resolve("/big")).GET().build());
            try (InputStream in = response.body()) {
                byte[] first = in.readNBytes(1000);
                Thread.sleep(TestHttpsServer.QUICK.stallTimeout().toMillis() * 2); // busy elsewhere, e.g. writing to a slow disk
                byte[] rest = in.readAllBytes();
                assertThat(first.length + rest.length).isEqualTo(body.length);
            }
        }
    }

    @Test
    void headersTooLargeAreRefusedAsSuch() {
        server.handler("/big-headers", ex -> {
            ex.getResponseHeaders().add("X-Padding", "x".repeat(500_000));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        try (Http http = server.client()) {
            assertThatThrownBy(() -> http.get(server.base().resolve("/big-headers"), InputStream::readAllBytes))
                    .isInstanceOf(EngineException.class)
                    .hasMessage("The response headers from " + host + " are too large (more than 393216 bytes)");
        }
    }

    @Test
    void redirectsAreFollowedOnlyOnTheOriginTheyCameFrom() {
        try (Bystander bystander = new Bystander(); Http http = server.client()) {
            redirect("/moved", "/hello");
            redirect("/away", "https://127.0.0.1:" + bystander.port() + "/hello");
            redirect("/plain", "http://127.0.0.1:" + server.base().getPort() + "/hello");
            redirect("/loop", "/loop");
            assertThat(new String(http.get(server.base().resolve("/moved"), InputStream::readAllBytes),
                    StandardCharsets.UTF_8))
                    .isEqualTo("hello\n");
            assertThatThrownBy(() -> http.get(server.base().resolve("/away"), InputStream::readAllBytes))
                    .isInstanceOf(EngineException.class)
                    .hasMessage("Refused the redirect of " + server.url("/away") + " to https://127.0.0.1:"
                            + bystander.port() + "/hello: it leaves " + server.base());
            assertThatThrownBy(() -> http.get(server.base().resolve("/plain"), InputStream::readAllBytes))
                    .hasMessageStartingWith("Refused the redirect of " + server.url("/plain") + " to http://");
            assertThatThrownBy(() -> http.get(server.base().resolve("/loop"), InputStream::readAllBytes))
                    .hasMessage("Failed to fetch " + server.url("/loop") + ": more than 5 redirects");
            assertThat(bystander.contacted()).isFalse();
            assertThat(server.requests()).containsExactly("GET /moved", "GET /hello", "GET /away", "GET /plain",
                    "GET /loop", "GET /loop", "GET /loop", "GET /loop", "GET /loop", "GET /loop");
        }
    }

    private void redirect(String path, String location) {
        server.handler(path, ex -> {
            ex.getResponseHeaders().add("Location", location);
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
    }
}
