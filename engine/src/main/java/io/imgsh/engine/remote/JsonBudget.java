package io.imgsh.engine.remote;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.imgsh.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;

/**
 * What the JSON of one read from a server may take, all its documents together: bytes, and tokens (values, names,
 * brackets). The tokens are what bound the heap: a tree costs up to ~50 bytes a token however few bytes the token
 * took, so that 64 MiB of {@code [{},{},…]} would be a tree of ~1.9 GB. Past either limit the read fails with a
 * one-line error naming it.
 */
public final class JsonBudget {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String what;
    private final long maxBytes;
    private final long maxTokens;
    private long bytes;
    private long tokens;

    /** @param what the read, as errors name it: "Refused {what}: more than …" */
    public JsonBudget(String what, long maxBytes, long maxTokens) {
        this.what = what;
        this.maxBytes = maxBytes;
        this.maxTokens = maxTokens;
    }

    /** Reads {@code in} to its end, failing as soon as the budget's bytes are passed. */
    public byte[] read(InputStream in) throws IOException {
        long left = maxBytes - bytes;
        byte[] read = in.readNBytes((int) Math.min(left + 1, Integer.MAX_VALUE - 8));
        if (read.length > left) {
            throw new EngineException("Refused " + what + ": more than " + size(maxBytes) + " of JSON");
        }
        bytes += read.length;
        return read;
    }

    /**
     * The tree of {@code json} (missing when it is empty), failing as soon as the budget's tokens are passed;
     * malformed JSON is an {@link IOException}.
     */
    public JsonNode parse(byte[] json) throws IOException {
        // a limit of 0 would be none: with none left, the first token passes and the count below fails
        long left = Math.max(maxTokens - tokens, 1);
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxTokenCount(left).build()).build();
        try (JsonParser parser = factory.createParser(json)) {
            JsonNode tree;
            try {
                tree = JSON.readTree(parser);
            } catch (StreamConstraintsException e) {
                if (parser.currentTokenCount() > left) {
                    throw tooManyTokens();
                }
                throw e;
            }
            tokens += parser.currentTokenCount();
            if (tokens > maxTokens) {
                throw tooManyTokens();
            }
            return tree == null ? MissingNode.getInstance() : tree;
        }
    }

    private EngineException tooManyTokens() {
        return new EngineException("Refused " + what + ": more than " + maxTokens + " JSON tokens");
    }

    private static String size(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
