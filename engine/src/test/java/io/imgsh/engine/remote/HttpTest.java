package io.imgsh.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTest {
    TestHttpsServer server;

    @BeforeEach
    void start() {
        server = new TestHttpsServer();
        server.put("/hello", "hello\n".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .collect(Collectors.toSet());
    }

    @Test
    void closingEndsTheClientsSelectorThreadSoThatTheJvmCanExitAtOnce() throws InterruptedException {
        Set<Thread> before = selectorThreads();
        Http http = new Http(new Tls(), server.certificatePem());
        assertThat(new String(http.getBytes(server.base().resolve("/hello"), 100), StandardCharsets.UTF_8))
                .isEqualTo("hello\n");
        Set<Thread> mine = selectorThreads();
        mine.removeAll(before);
        assertThat(mine).hasSize(1);
        http.close();
        Thread selector = mine.iterator().next();
        selector.join(5_000);
        assertThat(selector.isAlive()).isFalse();
    }
}
