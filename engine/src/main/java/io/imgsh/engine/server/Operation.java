package io.imgsh.engine.server;

import io.imgsh.engine.event.OperationListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One of LXD's operations: a task that runs in the background, or a token that stays running until it is used or
 * cancelled. {@link #json()} is the object LXD answers for it, field for field.
 */
final class Operation {
    /** LXD's operation classes. */
    enum Kind {
        TASK, TOKEN;

        String json() {
            return name().toLowerCase();
        }
    }

    /** LXD's states an operation here can be in, with their status codes. */
    enum Status {
        RUNNING("Running", 103), SUCCESS("Success", 200), FAILURE("Failure", 400), CANCELLED("Cancelled", 401);

        private final String text;
        private final int code;

        Status(String text, int code) {
            this.text = text;
            this.code = code;
        }

        String text() {
            return text;
        }
    }

    private final String id = UUID.randomUUID().toString();
    private final Kind kind;
    private final String description;
    private final Map<String, List<String>> resources;
    private final boolean mayCancel;
    private final Clock clock;
    private final OperationListener listener;
    private final Instant createdAt;
    private Status status = Status.RUNNING;
    /** Set when the server stops: a wait then answers at once. */
    private boolean waitsReleased;
    private Instant updatedAt;
    private Map<String, Object> metadata;
    private String err = "";

    /**
     * {@code resources}: null, or URLs by type ({@code images}); {@code metadata}: null or the token's data;
     * {@code listener} hears of the final state.
     */
    Operation(Kind kind, String description, Map<String, List<String>> resources, Map<String, Object> metadata,
              boolean mayCancel, Clock clock, OperationListener listener) {
        this.kind = kind;
        this.description = description;
        this.resources = resources;
        this.metadata = metadata;
        this.mayCancel = mayCancel;
        this.clock = clock;
        this.listener = listener;
        this.createdAt = clock.instant();
        this.updatedAt = createdAt;
    }

    String id() {
        return id;
    }

    String url() {
        return "/1.0/operations/" + id;
    }

    Kind kind() {
        return kind;
    }

    String description() {
        return description;
    }

    /** URLs by type ({@code images}); empty when none. */
    Map<String, List<String>> resources() {
        return resources == null ? Map.of() : resources;
    }

    synchronized Status status() {
        return status;
    }

    synchronized Map<String, Object> metadata() {
        return metadata;
    }

    /** When it reached its final state; null while running. */
    synchronized Instant doneAt() {
        return status == Status.RUNNING ? null : updatedAt;
    }

    /** Sets one key of a running operation's metadata (its progress), which the listener hears of. */
    void putMetadata(String key, Object value) {
        synchronized (this) {
            if (status != Status.RUNNING) {
                return;
            }
            Map<String, Object> changed = metadata == null ? new LinkedHashMap<>() : new LinkedHashMap<>(metadata);
            changed.put(key, value);
            metadata = changed;
            updatedAt = clock.instant();
        }
        listener.operationChanged(json());
    }

    /** Moves a running operation to its final state, which the listener hears of; false when it had one already. */
    boolean finish(Status outcome, Map<String, Object> result, String error) {
        synchronized (this) {
            if (status != Status.RUNNING) {
                return false;
            }
            status = outcome;
            if (result != null) {
                metadata = result;
            }
            err = error;
            updatedAt = clock.instant();
            notifyAll();
        }
        listener.operationChanged(json());
        return true;
    }

    /** Cancels a running token or cancellable task, as {@code DELETE /1.0/operations/<id>} asks. */
    void cancel() {
        if (!mayCancel) {
            throw new ApiError(400, "This operation can't be cancelled");
        }
        if (!finish(Status.CANCELLED, null, "")) {
            throw new ApiError(400, "Only running operations can be cancelled");
        }
    }

    /** Waits up to {@code timeout} for the final state, or until {@link #releaseWaits()}; true when reached. */
    synchronized boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (status == Status.RUNNING && !waitsReleased) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return status != Status.RUNNING;
    }

    /** Ends every wait for this operation, now and from now on, whether it has finished or not. */
    synchronized void releaseWaits() {
        waitsReleased = true;
        notifyAll();
    }

    synchronized Map<String, Object> json() {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("id", id);
        op.put("class", kind.json());
        op.put("description", description);
        op.put("created_at", createdAt);
        op.put("updated_at", updatedAt);
        op.put("status", status.text);
        op.put("status_code", status.code);
        op.put("resources", resources);
        op.put("metadata", metadata);
        op.put("may_cancel", mayCancel);
        op.put("err", err);
        op.put("location", "none");
        return op;
    }
}
