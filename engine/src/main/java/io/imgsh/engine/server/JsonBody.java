package io.imgsh.engine.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imgsh.engine.json.ApiTime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON object a request carries, read with a size limit (a trusted caller's; {@link UntrustedBodies} bounds the
 * others'), with typed access to its fields. Fields nobody asks for are ignored, as LXD ignores unknown fields; a
 * field of the wrong type, malformed JSON or too many bytes answer 400 with one line that says what is wrong.
 */
final class JsonBody {
    /** The most JSON a request may carry (the image requests are a few hundred bytes; properties stay small). */
    static final int MAX_BYTES = 4 << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    static JsonBody read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new ApiError(400, "Request body too large: more than " + (MAX_BYTES >> 20) + " MiB of JSON");
        }
        return parse(bytes);
    }

    /** The JSON object in {@code bytes}, a whole body. */
    static JsonBody parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "Invalid JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // bytes in memory are not read from anywhere that can fail
        }
        if (root == null || root.isMissingNode()) {
            throw new ApiError(400, "Invalid JSON: the request body is empty");
        }
        if (!root.isObject()) {
            throw new ApiError(400, "Invalid JSON: expected an object, got " + root.getNodeType().name()
                    .toLowerCase());
        }
        return new JsonBody(root);
    }

    /** The whole object as {@code type} (a record named with LXD's fields); fields it does not name are ignored. */
    <T> T as(Class<T> type) {
        try {
            return JSON.treeToValue(root, type);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "Invalid JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
    }

    boolean has(String field) {
        return root.has(field) && !root.get(field).isNull();
    }

    /** A string field; "" when absent or null. */
    String text(String field) {
        return has(field) ? textOf(field, root.get(field)) : "";
    }

    Optional<Boolean> bool(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode node = root.get(field);
        if (!node.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return Optional.of(node.booleanValue());
    }

    /** A string-to-string object; empty when absent or null. */
    Map<String, String> strings(String field) {
        Map<String, String> map = new LinkedHashMap<>();
        if (has(field)) {
            JsonNode node = root.get(field);
            if (!node.isObject()) {
                throw wrongType(field, "an object of strings");
            }
            node.fields().forEachRemaining(e -> map.put(e.getKey(), textOf(field + "." + e.getKey(), e.getValue())));
        }
        return map;
    }

    /** A list of strings; null when absent or null (LXD tells a missing list from an empty one). */
    List<String> list(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode node = root.get(field);
        if (!node.isArray()) {
            throw wrongType(field, "a list of strings");
        }
        List<String> list = new ArrayList<>();
        node.forEach(item -> list.add(textOf(field, item)));
        return list;
    }

    /** A timestamp; null when absent or Go's zero time (LXD: "leave it as it is"). */
    Instant time(String field) {
        String text = text(field);
        try {
            return text.isEmpty() ? null : ApiTime.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "Invalid \"" + field + "\": " + e.getMessage());
        }
    }

    private static String textOf(String field, JsonNode node) {
        if (!node.isTextual()) {
            throw wrongType(field, "a string");
        }
        return node.textValue();
    }

    private static ApiError wrongType(String field, String expected) {
        return new ApiError(400, "Invalid \"" + field + "\": expected " + expected);
    }
}
