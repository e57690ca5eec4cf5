package io.imgsh.engine.server;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's operations, in memory: started tasks run on threads of their own; a finished operation is kept for
 * {@code keep} after it finished (LXD keeps it 5 s), so that a client can still read how it ended, then dropped.
 */
final class Operations implements AutoCloseable {
    /** How long LXD keeps a finished operation. */
    static final Duration KEEP = Duration.ofSeconds(5);
    /** The longest a {@code /wait} holds its answer: below the connector's idle timeout, so it is never cut. */
    static final Duration MAX_WAIT = Duration.ofSeconds(25);

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

    /** What a task does; what it returns becomes the operation's metadata (null: none). */
    @FunctionalInterface
    interface Work {
        Map<String, Object> run() throws Exception;
    }

    private final Clock clock;
    private final Duration keep;
    private final Duration maxWait;
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final ExecutorService workers;

    Operations(Clock clock, Duration keep, Duration maxWait) {
        this.clock = clock;
        this.keep = keep;
        this.maxWait = maxWait;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "imgsh-operation-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts {@code work} as a task operation; its failure's message becomes the operation's {@code err}. */
    Operation start(String description, Map<String, List<String>> resources, Work work) {
        Operation op = add(new Operation(Operation.Kind.TASK, description, resources, null, false, clock));
        workers.execute(() -> {
            try {
                op.finish(Operation.Status.SUCCESS, work.run(), "");
            } catch (Exception e) {
                LOG.debug("operation {} ({}) failed", op.id(), description, e);
                op.finish(Operation.Status.FAILURE, null, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        });
        return op;
    }

    /** A token operation: running, cancellable, carrying {@code metadata} until it is used or cancelled. */
    Operation token(String description, Map<String, List<String>> resources, Map<String, Object> metadata) {
        return add(new Operation(Operation.Kind.TOKEN, description, resources, metadata, true, clock));
    }

    Optional<Operation> get(String id) {
        synchronized (operations) {
            forgetFinished();
            return Optional.ofNullable(operations.get(id));
        }
    }

    /** Every operation still kept, oldest first. */
    List<Operation> all() {
        synchronized (operations) {
            forgetFinished();
            return new ArrayList<>(operations.values());
        }
    }

    /** How long a {@code /wait?timeout=seconds} waits: negative is as long as allowed, never more than that. */
    Duration waitFor(long seconds) {
        return seconds < 0 || Duration.ofSeconds(seconds).compareTo(maxWait) > 0 ? maxWait : Duration.ofSeconds(seconds);
    }

    /** Stops the running tasks' threads (a task cut short leaves nothing half-done: the store's writes are atomic). */
    @Override
    public void close() {
        workers.shutdownNow();
    }

    private Operation add(Operation op) {
        synchronized (operations) {
            forgetFinished();
            operations.put(op.id(), op);
        }
        return op;
    }

    private void forgetFinished() {
        var now = clock.instant();
        operations.values().removeIf(op -> op.doneAt() != null && !op.doneAt().plus(keep).isAfter(now));
    }
}
