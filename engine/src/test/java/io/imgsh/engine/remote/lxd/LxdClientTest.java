package io.imgsh.engine.remote.lxd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.remote.TestHttpsServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Following an operation on a loopback server that answers its {@code /wait} at once, as LXD does not. */
class LxdClientTest {
    /** Enough early answers to tell a client that never stops asking from one that does. */
    private static final int ENOUGH = 100;
    private static final String OP = "/1.0/operations/op1";

    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();
    final AtomicInteger waits = new AtomicInteger();
    /** The operation as each {@code /wait} answers it. */
    String operation;

    @BeforeEach
    void setUp() {
        server.handler("/1.0/images/abc", ex -> answer(ex, 202, "{\"type\":\"async\",\"status\":\"Operation created\","
                + "\"status_code\":100,\"operation\":\"" + OP + "\",\"error_code\":0,\"error\":\"\",\"metadata\":{}}"));
        server.handler(OP + "/wait", ex -> {
            String op = waits.incrementAndGet() < ENOUGH ? operation
                    : "{\"status\":\"Failure\",\"status_code\":400,\"err\":\"asked " + ENOUGH + " times\"}";
            answer(ex, 200, "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"metadata\":" + op + "}");
        });
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String json)
            throws java.io.IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private void delete(OperationWaits limits) {
        LxdClient client = new LxdClient(server.base().toString(), server.client(), limits);
        client.result(client.call("DELETE", "/1.0/images/abc", null, Map.of()));
    }

    @Test
    void anOperationStillRunningAtTheDeadlineIsAnErrorAndEarlyAnswersArePacedByThePause() {
        operation = "{\"id\":\"op1\",\"status\":\"Running\",\"status_code\":103}";
        OperationWaits limits = new OperationWaits(Duration.ofMillis(500), Duration.ofMillis(100));
        assertThatThrownBy(() -> delete(limits)).isInstanceOf(EngineException.class)
                .hasMessage("The operation " + OP + " did not finish within 0.5s; the server may still be running it");
        // poll n starts (n - 1) pauses after the first at the earliest, and only before the deadline
        assertThat(waits.get()).isLessThanOrEqualTo(500 / 100 + 1);
        assertThat(server.requests()).last().isEqualTo("GET " + OP + "/wait");
    }

    @Test
    void anAnswerWithoutAStatusTheClientKnowsIsAnError() {
        OperationWaits limits = new OperationWaits(Duration.ofHours(1), Duration.ZERO);
        operation = "{\"id\":\"op1\"}";
        assertThatThrownBy(() -> delete(limits)).isInstanceOf(EngineException.class)
                .hasMessage("The server answered the wait for " + OP + " with no known status (\"\")");
        operation = "{\"id\":\"op1\",\"status\":\"Resting\",\"status_code\":150}";
        assertThatThrownBy(() -> delete(limits))
                .hasMessage("The server answered the wait for " + OP + " with no known status (\"Resting\")");
        operation = "{\"id\":\"op1\",\"status\":\"Rest\\ning\",\"status_code\":150}";
        assertThatThrownBy(() -> delete(limits))
                .hasMessage("The server answered the wait for " + OP + " with no known status (\"Rest ing\")");
        operation = "{\"id\":\"op1\",\"status\":\"Failure\",\"status_code\":400,\"err\":\"no\\r\\nway\"}";
        assertThatThrownBy(() -> delete(limits)).hasMessage("no way");
        assertThat(waits.get()).isEqualTo(4);
    }
}
