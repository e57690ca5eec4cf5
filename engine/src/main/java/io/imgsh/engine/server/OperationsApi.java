package io.imgsh.engine.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /1.0/operations…}: the server's operations, to trusted callers only, as in LXD. */
final class OperationsApi {
    private final Operations operations;

    OperationsApi(Operations operations) {
        this.operations = operations;
    }

    /** {@code GET /1.0/operations}: by status ({@code running}, {@code success}, …), URLs or with recursion objects. */
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
        requireTrusted(call);
        Operation op = operations.get(id).orElseThrow(() -> ApiError.notFound("Operation not found"));
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
