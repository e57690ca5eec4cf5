package io.imgsh.engine.remote.lxd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.format.Messages;
import io.imgsh.engine.json.GoJson;
import io.imgsh.engine.remote.Http;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The REST client of one LXD server: requests, LXD's response envelopes ({@link LxdResponse}) and its operations,
 * as the {@code lxc} client speaks them. Trusted or not depends on the certificate its {@link Http} presents.
 */
public final class LxdClient {
    /** How long one {@code /wait} request lets the server hold its answer (less than {@link Http}'s timeout). */
    static final int WAIT_SECONDS = 20;

    /** The statuses of an operation that has not ended yet (LXD's operations go Pending, Running, Cancelling). */
    private static final Set<String> NOT_ENDED = Set.of("Pending", "Running", "Cancelling");

    private final Http http;
    private final URI base;
    private final OperationWaits waits;

    public LxdClient(String url, Http http) {
        this(url, http, OperationWaits.DEFAULT);
    }

    LxdClient(String url, Http http, OperationWaits waits) {
        this.http = http;
        this.base = URI.create(url.replaceAll("/+$", ""));
        this.waits = waits;
    }

    Http http() {
        return http;
    }

    URI base() {
        return base;
    }

    URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** A name as one path segment. */
    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    LxdResponse call(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder b = Http.request(uri(path));
        headers.forEach(b::header);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : GoJson.write(body)));
        }
        return exchange(b.build(), method + " " + path);
    }

    LxdResponse get(String path) {
        return call("GET", path, null, Map.of());
    }

    /** Sends {@code request} and reads LXD's envelope from the answer ({@code what} names it in errors). */
    LxdResponse exchange(HttpRequest request, String what) {
        HttpResponse<InputStream> response = http.send(request);
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = LxdResponse.budget(what).read(in);
        } catch (IOException e) {
            throw Http.failure(request.uri(), e);
        }
        return LxdResponse.parse(response.statusCode(), bytes, response.headers().firstValue("ETag").orElse(null),
                what);
    }

    /**
     * The operation's result, once finished, of a response that is one (async); else the response's metadata. An
     * operation whose metadata holds a secret is waited for with it, as an untrusted client must.
     */
    JsonNode result(LxdResponse response) {
        if (!response.type().equals("async")) {
            return response.metadata();
        }
        String secret = response.metadata().path("metadata").path("secret").asText("");
        return waitFor(response.operation(), secret.isEmpty() ? ""
                : "&secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }

    /**
     * Waits for an operation to finish, at most {@link OperationWaits#limit()}; its failure becomes an error with the
     * operation's message, and so does an answer without a status the client knows.
     */
    private JsonNode waitFor(String operation, String secretQuery) {
        String path = operation.startsWith("/") ? operation : "/1.0/operations/" + operation;
        long deadline = System.nanoTime() + waits.limit().toNanos();
        while (true) {
            long polled = System.nanoTime();
            // LXD holds the answer until the operation ends or for timeout seconds (never much past the deadline),
            // well inside the client's header timeout; then we ask again
            long timeout = Math.max(1, Math.min(WAIT_SECONDS, TimeUnit.NANOSECONDS.toSeconds(deadline - polled) + 1));
            JsonNode op = get(path + "/wait?timeout=" + timeout + secretQuery).metadata();
            String status = op.path("status").asText();
            int code = op.path("status_code").asInt();
            if (code == 200 || status.equals("Success")) {
                return op;
            }
            if (code >= 400 || status.equals("Failure") || status.equals("Cancelled")) {
                String err = op.path("err").asText("");
                throw new EngineException(err.isEmpty() ? "The operation failed: " + Messages.printable(status)
                        : Messages.printable(err));
            }
            if (!NOT_ENDED.contains(status)) {
                throw new EngineException("The server answered the wait for " + path + " with no known status (\""
                        + Messages.printable(status) + "\")");
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new EngineException("The operation " + path + " did not finish within " + human(waits.limit())
                        + "; the server may still be running it");
            }
            pauseAfter(polled, path);
        }
    }

    /** Sleeps what is left of the pause since {@code polled}, the start of a poll the server answered early. */
    private void pauseAfter(long polled, String path) {
        long left = waits.pause().toNanos() - (System.nanoTime() - polled);
        if (left > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("Interrupted while waiting for " + path, e);
            }
        }
    }

    /** A duration as errors name it: "1h", "20s", "0.3s". */
    static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /** {@code GET /1.0}: whether the server trusts this client ({@code auth: trusted}). */
    public boolean trusted() {
        return "trusted".equals(get("/1.0").metadata().path("auth").asText());
    }

    /** {@code POST /1.0/certificates} with the trust password (LXD 5.0): makes this client's certificate trusted. */
    public void addTrust(String password) {
        ObjectNode body = LxdResponse.JSON.createObjectNode();
        body.put("type", "client");
        body.put("password", password);
        call("POST", "/1.0/certificates", body.toString(), Map.of());
    }
}
