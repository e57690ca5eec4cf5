package io.imgsh.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TlsTest {
    @Test
    void aTrustedCertificateMustAlsoNameTheHost() {
        try (TestHttpsServer named = new TestHttpsServer();
             TestHttpsServer other = new TestHttpsServer("dns:images.example.org")) {
            assertThat(new Tls(named.trustStore()).trusted(named.base())).isTrue();
            // its chain is trusted, but it is a certificate for another host
            assertThat(new Tls(other.trustStore()).trusted(other.base())).isFalse();
        }
    }

    @Test
    void aServerThatTricklesItsHandshakeIsGivenUpOnAsAWhole() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // a record header announcing 16 KiB of handshake, then a byte of it every 50 ms: each read gets data well
            // within the read timeout, so only a bound on the whole handshake ends it
            CompletableFuture.runAsync(() -> trickle(server));
            URI url = URI.create("https://127.0.0.1:" + server.getLocalPort());
            Tls tls = new Tls(null, Duration.ofMillis(500));
            CompletableFuture<String> fetched = CompletableFuture.supplyAsync(() -> tls.fetchCertificatePem(url));
            assertThatThrownBy(() -> fetched.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(EngineException.class)
                    .cause().hasMessage("Failed to connect to 127.0.0.1:" + server.getLocalPort()
                            + ": connection timed out");
        }
    }

    private static void trickle(ServerSocket server) {
        try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
            out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
            for (int i = 0; i < 16384; i++) {
                out.write(0);
                out.flush();
                Thread.sleep(50);
            }
        } catch (IOException e) {
            // the client gave up: what the test waits for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
