package io.imgsh.engine.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.imgsh.engine.json.GoJson;
import java.nio.charset.StandardCharsets;

/**
 * LXD's response envelope, field for field in its order: {@code sync} with metadata, {@code async} with the
 * operation started, and {@code error}.
 */
@JsonPropertyOrder({"type", "status", "status_code", "operation", "error_code", "error", "metadata"})
record Envelope(String type, String status, @JsonProperty("status_code") int statusCode, String operation,
                @JsonProperty("error_code") int errorCode, String error,
                @JsonInclude(JsonInclude.Include.ALWAYS) Object metadata) {

    static byte[] sync(Object metadata) {
        return new Envelope("sync", "Success", 200, "", 0, "", metadata).json();
    }

    static byte[] async(String operationUrl, Object operation) {
        return new Envelope("async", "Operation created", 100, operationUrl, 0, "", operation).json();
    }

    static byte[] error(int code, String message) {
        return new Envelope("error", "", 0, "", code, message, null).json();
    }

    private byte[] json() {
        return (GoJson.write(this) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
