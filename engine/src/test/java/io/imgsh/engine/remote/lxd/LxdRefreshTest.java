package io.imgsh.engine.remote.lxd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.Remote;
import io.imgsh.engine.remote.TestHttpsServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code image refresh lxdremote:IMAGE} asks the server to refresh its own image ({@code POST …/refresh}, an
 * operation) and reports its {@code refreshed} flag, as lxc does; here against a loopback server playing LXD (the real
 * peer has no image with a source to refresh from, see LxdRemoteCommandTest for its answer).
 */
class LxdRefreshTest extends ImageFixtureTest {
    static final String FP = "ab".repeat(32);

    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();

    @BeforeEach
    void setUp() {
        FakeLxdImage.announce(server, FP, 1000);
    }

    private LxdImages remote(boolean isPublic) {
        return new LxdImages(new Remote("fake", server.base().toString(), Remote.LXD, "tls", isPublic, false,
                server.certificatePem()), server.client());
    }

    /** The refresh operation, finished with {@code refreshed} in its metadata. */
    private void refreshAnswers(boolean refreshed) {
        server.handler("/1.0/images/" + FP + "/refresh", ex -> {
            byte[] body = ("{\"type\":\"async\",\"status\":\"Operation created\",\"status_code\":100,"
                    + "\"operation\":\"/1.0/operations/op1\",\"error_code\":0,\"error\":\"\",\"metadata\":{}}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(202, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.put("/1.0/operations/op1/wait", ("{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,"
                + "\"metadata\":{\"id\":\"op1\",\"status\":\"Success\",\"status_code\":200,\"err\":\"\","
                + "\"metadata\":{\"refreshed\":" + refreshed + "}}}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theServersRefreshedFlagIsTheResult() {
        refreshAnswers(true);
        var result = fx.engine.copies().refresh(remote(false), FP, Progress.NONE);
        assertThat(result.refreshed()).isTrue();
        assertThat(result.fingerprint()).isEqualTo(FP);
        assertThat(server.requests()).contains("POST /1.0/images/" + FP + "/refresh");

        refreshAnswers(false);
        assertThat(fx.engine.copies().refresh(remote(false), FP, Progress.NONE).refreshed()).isFalse();
    }

    @Test
    void aPublicRemoteIsNotAsked() {
        refreshAnswers(true);
        assertThatThrownBy(() -> fx.engine.copies().refresh(remote(true), FP, Progress.NONE))
                .hasMessage("The remote isn't a private LXD server");
        assertThat(server.requests()).noneMatch(r -> r.startsWith("POST"));
    }
}
