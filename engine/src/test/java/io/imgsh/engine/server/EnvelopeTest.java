package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imgsh.store.E2e;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The envelopes as LXD 5.0.2 sends them (its wire captures): the same fields, values and order. */
class EnvelopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode wire(String name) throws IOException {
        Path file = E2e.shared().resolve("reference/wire").resolve(name);
        E2e.require(Files.isReadable(file), "the wire captures are missing: " + file);
        return JSON.readTree(Files.readAllBytes(file));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void errorAndSyncAreLxds() throws IOException {
        JsonNode error = JSON.readTree(Envelope.error(404, "Image alias not found"));
        assertThat(error).isEqualTo(wire("alias-missing-untrusted.json"));
        assertThat(fields(error)).isEqualTo(fields(wire("alias-missing-untrusted.json")));

        JsonNode alias = wire("alias-public-untrusted.json");
        JsonNode sync = JSON.readTree(Envelope.sync(JSON.convertValue(alias.get("metadata"), Map.class)));
        assertThat(sync).isEqualTo(alias);
        assertThat(fields(sync)).isEqualTo(fields(alias));
    }

    @Test
    void asyncNamesTheOperation() throws IOException {
        JsonNode async = JSON.readTree(Envelope.async("/1.0/operations/x", Map.of("id", "x")));
        assertThat(fields(async)).containsExactly("type", "status", "status_code", "operation", "error_code", "error",
                "metadata");
        assertThat(async.get("status_code").asInt()).isEqualTo(100);
        assertThat(async.get("operation").asText()).isEqualTo("/1.0/operations/x");
    }
}
