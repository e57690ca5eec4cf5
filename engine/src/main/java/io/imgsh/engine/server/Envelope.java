package io.imgsh.engine.server;

import io.imgsh.engine.json.GoJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LXD's response envelopes, field for field in its order: {@code sync} with metadata, {@code async} with the
 * operation started, and {@code error}.
 */
final class Envelope {
    private Envelope() {
    }

    static byte[] sync(Object metadata) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "sync");
        body.put("status", "Success");
        body.put("status_code", 200);
        body.put("operation", "");
        body.put("error_code", 0);
        body.put("error", "");
        body.put("metadata", metadata);
        return json(body);
    }

    static byte[] async(String operationUrl, Object operation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "async");
        body.put("status", "Operation created");
        body.put("status_code", 100);
        body.put("operation", operationUrl);
        body.put("error_code", 0);
        body.put("error", "");
        body.put("metadata", operation);
        return json(body);
    }

    static byte[] error(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "error");
        body.put("status", "");
        body.put("status_code", 0);
        body.put("operation", "");
        body.put("error_code", code);
        body.put("error", message);
        body.put("metadata", null);
        return json(body);
    }

    private static byte[] json(Map<String, Object> body) {
        return (GoJson.write(body) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
