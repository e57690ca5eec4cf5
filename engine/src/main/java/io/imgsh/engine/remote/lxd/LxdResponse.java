package io.imgsh.engine.remote.lxd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.imgsh.engine.ConflictException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.remote.JsonBudget;
import java.io.IOException;

/**
 * LXD's response envelopes: {@code sync} (metadata), {@code async} (an operation) and {@code error}
 * ({@code error_code} and {@code error}, also the HTTP status). Errors become the engine's exceptions with LXD's
 * message, which the shell prints as {@code Error: <message>}.
 */
public record LxdResponse(int status, String type, String operation, JsonNode metadata, String etag) {
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The most one answer may take: LXD describes an image in 1-4 KB (its fields, its properties, the certificate of
     * its update source), so that a list of 1,000 images is a few MB and this is thousands of images.
     */
    static final long MAX_BYTES = 16L << 20;
    /** Tokens of one answer: an image has ~70; at LXD's densest, ~8 bytes a token, 16 MiB is ~2 Mi tokens. */
    static final long MAX_TOKENS = 4L << 20;

    /** The limits of the JSON of one answer ({@code what} names it in errors). */
    static JsonBudget budget(String what) {
        return new JsonBudget("the answer to " + what, MAX_BYTES, MAX_TOKENS);
    }

    /** Parses a body; an error envelope, a non-2xx status or a body that is not an envelope throws. */
    public static LxdResponse parse(int status, byte[] body, String etag, String what) {
        JsonNode root;
        try {
            root = budget(what).parse(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject() || !root.has("type")) {
            if (status >= 400) {
                throw error(status, "HTTP " + status);
            }
            throw new EngineException("Invalid response from the server for " + what + " (HTTP " + status
                    + "): not an LXD API envelope");
        }
        String type = root.path("type").asText();
        if (type.equals("error") || status >= 400) {
            int code = root.path("error_code").asInt(status);
            String message = root.path("error").asText("");
            throw error(code == 0 ? status : code, message.isEmpty() ? "HTTP " + status : message);
        }
        JsonNode metadata = root.has("metadata") ? root.get("metadata") : NullNode.getInstance();
        return new LxdResponse(status, type, root.path("operation").asText(""), metadata,
                etag == null ? "" : etag.replace("\"", ""));
    }

    /**
     * LXD's error as the engine's exception: 404 not found; 409, and 412 (an {@code If-Match} ETag that no longer
     * matches), conflict; 400 bad input; 403 as it says.
     */
    static EngineException error(int code, String message) {
        return switch (code) {
            case 404 -> new NotFoundException(message);
            case 409, 412 -> new ConflictException(message);
            case 400 -> new InvalidInputException(message);
            default -> new EngineException(message);
        };
    }
}
