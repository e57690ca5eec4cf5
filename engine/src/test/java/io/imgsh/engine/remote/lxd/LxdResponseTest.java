package io.imgsh.engine.remote.lxd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.json.ApiTime;
import io.imgsh.store.E2e;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** LXD's envelopes and image objects, from the real 5.0.2 captures in {@code shared/reference/wire/}. */
class LxdResponseTest {
    static byte[] wire(String name) throws IOException {
        Path file = E2e.shared().resolve("reference/wire").resolve(name);
        E2e.require(Files.isReadable(file), "the wire captures are missing: " + file);
        return Files.readAllBytes(file);
    }

    @Test
    void syncEnvelopeWithAnImageObject() throws IOException {
        LxdResponse r = LxdResponse.parse(200, wire("image-public-unified.json"), "\"fe03\"", "GET");
        assertThat(r.type()).isEqualTo("sync");
        assertThat(r.etag()).isEqualTo("fe03");
        Image image = LxdJson.image(r.metadata());
        assertThat(image.fingerprint()).isEqualTo("38e82544a8777860efb603a48ca17be1c23869c82493aee6589320216332ab7a");
        assertThat(image.size()).isEqualTo(734);
        assertThat(image.isPublic()).isTrue();
        assertThat(image.autoUpdate()).isTrue();
        assertThat(image.type()).isEqualTo("container");
        assertThat(image.filename()).isEqualTo("unified-gz.tar.gz");
        assertThat(image.properties()).containsEntry("description", "Edited description").hasSize(4);
        assertThat(image.aliases()).extracting(a -> a.name()).containsExactly("uni-gz");
        assertThat(image.profiles()).containsExactly("default");
        assertThat(image.createdAt()).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
        assertThat(image.uploadedAt()).isEqualTo(Instant.parse("2026-11-27T02:23:03.598645087Z"));
        assertThat(image.lastUsedAt()).isEqualTo(ApiTime.NEVER);
        assertThat(image.updateSource()).isNull();
    }

    @Test
    void imageListAndSplitImage() throws IOException {
        LxdResponse list = LxdResponse.parse(200, wire("images-recursion1-untrusted.json"), null, "GET");
        assertThat(list.metadata().isArray()).isTrue();
        for (var node : list.metadata()) {
            assertThat(LxdJson.image(node).fingerprint()).hasSize(64);
        }
        Image split = LxdJson.image(LxdResponse.parse(200, wire("image-public-split.json"), null, "GET").metadata());
        assertThat(split.size()).isEqualTo(932);
    }

    @Test
    void errorsBecomeTheEnginesExceptionsWithLxdsMessage() throws IOException {
        // read before the lambdas, so that a missing capture skips the test rather than pass as "thrown"
        byte[] missing = wire("image-missing-untrusted.json");
        byte[] unauthorized = wire("aliases-untrusted.json");
        assertThatThrownBy(() -> LxdResponse.parse(404, missing, null, "GET"))
                .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        assertThatThrownBy(() -> LxdResponse.parse(403, unauthorized, null, "GET"))
                .isExactlyInstanceOf(EngineException.class).hasMessage("not authorized");
        assertThatThrownBy(() -> LxdResponse.parse(409, ("{\"type\":\"error\",\"error_code\":409,"
                + "\"error\":\"Alias \\\"a\\\" already exists\"}").getBytes(StandardCharsets.UTF_8), null, "POST"))
                .isInstanceOf(ConflictException.class).hasMessage("Alias \"a\" already exists");
        assertThatThrownBy(() -> LxdResponse.parse(412, ("{\"type\":\"error\",\"error_code\":412,"
                + "\"error\":\"ETag doesn't match: x vs y\"}").getBytes(StandardCharsets.UTF_8), null, "PUT"))
                .isInstanceOf(ConflictException.class).hasMessage("ETag doesn't match: x vs y");
        assertThatThrownBy(() -> LxdResponse.parse(502, "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8),
                null, "GET")).hasMessage("HTTP 502");
        assertThatThrownBy(() -> LxdResponse.parse(200, "[]".getBytes(StandardCharsets.UTF_8), null, "GET /1.0"))
                .hasMessageContaining("not an LXD API envelope");
    }

    @Test
    void asyncEnvelopeAndFinishedOperations() throws IOException {
        LxdResponse r = LxdResponse.parse(202, wire("post-images-unified.json"), null, "POST");
        assertThat(r.type()).isEqualTo("async");
        assertThat(r.operation()).startsWith("/1.0/operations/");
        LxdResponse done = LxdResponse.parse(200, wire("op-wait-import-unified.json"), null, "GET");
        assertThat(done.metadata().path("status").asText()).isEqualTo("Success");
        assertThat(done.metadata().path("metadata").path("fingerprint").asText()).hasSize(64);
        LxdResponse failed = LxdResponse.parse(200, wire("op-wait-import-duplicate.json"), null, "GET");
        assertThat(failed.metadata().path("err").asText()).isEqualTo("Image with same fingerprint already exists");
    }

    @Test
    void untrustedServerInfo() throws IOException {
        LxdResponse r = LxdResponse.parse(200, wire("1.0-untrusted.json"), null, "GET /1.0");
        assertThat(r.metadata().path("auth").asText()).isEqualTo("untrusted");
    }

    @Test
    void anAnswerOfMoreJsonTokensThanTheLimitIsRefused() {
        // ~8 MB of zeros would be a small tree, but as many {} would take ~200 MB of heap: the tokens are counted
        byte[] body = ("{\"type\":\"sync\",\"metadata\":[0" + ",0".repeat((int) LxdResponse.MAX_TOKENS) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LxdResponse.parse(200, body, null, "GET /1.0/images?recursion=1"))
                .isExactlyInstanceOf(EngineException.class).hasMessage("Refused the answer to GET "
                        + "/1.0/images?recursion=1: more than " + LxdResponse.MAX_TOKENS + " JSON tokens");
    }
}
