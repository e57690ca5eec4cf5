package io.imgsh.engine.remote.lxd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.event.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** Opening an event stream on a server that accepts the connection and then says nothing. */
class LxdEventsTest {
    /** How long the silent server waits for the client to go; a hang guard (the old client waited for ever). */
    private static final int GUARD_MILLIS = 30_000;

    @Test
    void aServerThatNeverAnswersTheHandshakeIsAnErrorAndTheConnectionIsClosed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> end = CompletableFuture.supplyAsync(() -> listen(silent));
            String address = "127.0.0.1:" + silent.getLocalPort();

            assertThatThrownBy(() -> LxdEvents.open("https://" + address, SSLContext.getDefault(), true,
                    Set.of(EventType.LIFECYCLE), frame -> { }, Duration.ofMillis(300)))
                    .isInstanceOf(EngineException.class)
                    .hasMessage("No answer from " + address + " within 0.3s while opening its event stream");
            assertThat(end.get()).isEqualTo("closed by the client");
        }
    }

    /** Accepts one connection, reads what comes without answering, and tells how it ended. */
    private static String listen(ServerSocket server) {
        try (Socket client = server.accept(); InputStream in = client.getInputStream()) {
            client.setSoTimeout(GUARD_MILLIS);
            while (in.read() >= 0) {
                // a TLS client hello: no answer
            }
            return "closed by the client";
        } catch (SocketTimeoutException e) {
            return "still open after " + GUARD_MILLIS + " ms";
        } catch (IOException e) {
            return "closed by the client"; // a reset
        }
    }
}
