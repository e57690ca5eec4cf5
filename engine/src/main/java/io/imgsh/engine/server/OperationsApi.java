package io.imgsh.engine.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /1.0/operations…}: the server's operations, to trusted callers only, as in LXD; an untrusted one may wait
 * for an operation whose secret it holds (the server that pushed an image waits so for the upload it made).
 */
final class OperationsApi {
    private final Operations operations;

    OperationsApi(Operations operations) {
        this.operations = operations;
    }

    /** {@code GET /1.0/operations}: by status ({@code running}, {@code success}, …), URLs or (recursion) objects. */
    void list(Call call) {
        requireTrusted(call);
        Map<String, List<Object>> byStatus = new LinkedHashMap<>();
        for (Operation op : operations.all()) {
            byStatus.computeIfAbsent(op.status().text().toLowerCase(), s -> new ArrayList<>())
                    .add(call.recursive() ? op.json() : op.url());
        }
        call.sync(byStatus);
    }

    /** {@code GET|DELETE /1.0/operations/<id>} and {@code GET /1.0/operations/<id>/wait}. */
    void route(Call call, String id, String sub) throws InterruptedException {
        Optional<String> secret = call.query("secret");
        if (!(sub.equals("wait") && secret.isPresent())) {
            requireTrusted(call);
        }
        Operation op = operations.get(id).orElseThrow(() -> ApiError.notFound("Operation not found"));
        if (secret.isPresent() && !ImageSecrets.holds(op, secret.get())) {
            throw ApiError.forbidden();
        }
        switch (sub) {
            case "" -> {
                if (call.method().equals("DELETE")) {
                    op.cancel();
                    call.sync(Map.of());
                } else {
                    ApiHandler.requireMethod(call, "GET");
                    call.sync(op.json());
                }
            }
            case "wait" -> {
                ApiHandler.requireMethod(call, "GET");
                op.await(operations.waitFor(timeout(call)));
                call.sync(op.json());
            }
            default -> throw ApiError.notFound("not found");
        }
    }

    private static long timeout(Call call) {
        String given = call.query("timeout").orElse("-1");
        try {
            return Long.parseLong(given);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "Invalid timeout \"" + given + "\": not a whole number of seconds");
        }
    }

    private static void requireTrusted(Call call) {
        if (!call.caller().trusted()) {
            throw ApiError.forbidden();
        }
    }
}
