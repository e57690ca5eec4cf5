package io.imgsh.engine.server;

import io.imgsh.engine.event.OperationListener;
import io.imgsh.engine.image.Progress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

    /**
     * What a task does, telling {@code progress} how far a transfer has got (it shows in the operation's metadata);
     * what it returns becomes the operation's metadata (null: none).
     */
    @FunctionalInterface
    interface Work {
        Map<String, Object> run(Progress progress) throws Exception;
    }

    private final Clock clock;
    private final Duration keep;
    private final Duration maxWait;
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final ExecutorService workers;
    private final OperationListener listener;
    /** Set when the server stops; guarded by {@code operations}. */
    private boolean waitsReleased;

    /** {@code listener} hears of each operation when it is created and when it finishes (LXD's operation events). */
    Operations(Clock clock, Duration keep, Duration maxWait, OperationListener listener) {
        this.clock = clock;
        this.keep = keep;
        this.maxWait = maxWait;
        this.listener = listener;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "imgsh-operation-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts {@code work} as a task operation; its failure's message becomes the operation's {@code err}. */
    Operation start(String description, Map<String, List<String>> resources, Work work) {
        return start(description, resources, Map.of(), work);
    }

    /**
     * As {@link #start(String, Map, Work)}, with {@code kept} in its metadata from the start to the end (LXD keeps an
     * upload's secret there, by which the untrusted uploader may wait for it).
     */
    Operation start(String description, Map<String, List<String>> resources, Map<String, Object> kept, Work work) {
        Operation op = add(new Operation(Operation.Kind.TASK, description, resources, kept.isEmpty() ? null : kept,
                false, clock, listener));
        workers.execute(() -> {
            try {
                Map<String, Object> result = work.run(new OperationProgress(op, clock));
                if (!kept.isEmpty()) {
                    result = result == null ? new LinkedHashMap<>() : new LinkedHashMap<>(result);
                    result.putAll(kept);
                }
                op.finish(Operation.Status.SUCCESS, result, "");
            } catch (Exception e) {
                LOG.debug("operation {} ({}) failed", op.id(), description, e);
                op.finish(Operation.Status.FAILURE, null, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        });
        return op;
    }

    /** A token operation: running, cancellable, carrying {@code metadata} until it is used or cancelled. */
    Operation token(String description, Map<String, List<String>> resources, Map<String, Object> metadata) {
        return add(new Operation(Operation.Kind.TOKEN, description, resources, metadata, true, clock, listener));
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
        Duration asked = Duration.ofSeconds(seconds);
        return seconds < 0 || asked.compareTo(maxWait) > 0 ? maxWait : asked;
    }

    /**
     * Answers every {@code /wait} now, with the operation's state as it is, and each later one at once: a wait holds
     * its request for up to {@code maxWait}, which the server's graceful stop would otherwise wait for.
     */
    void releaseWaits() {
        synchronized (operations) {
            waitsReleased = true;
            operations.values().forEach(Operation::releaseWaits);
        }
    }

    /**
     * Lets the running tasks finish within {@code bound}, then interrupts those still running (a task cut short leaves
     * nothing half-done: the store's writes are atomic); the tokens go with the server.
     */
    void close(Duration bound) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(bound.toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.warn("Stopping {} operation(s) still running after {}s", running(), bound.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            workers.shutdownNow();
        }
    }

    /** Stops at once: the running tasks are interrupted. */
    @Override
    public void close() {
        close(Duration.ZERO);
    }

    private long running() {
        return all().stream().filter(op -> op.kind() == Operation.Kind.TASK && op.doneAt() == null).count();
    }

    private Operation add(Operation op) {
        synchronized (operations) {
            forgetFinished();
            operations.put(op.id(), op);
            if (waitsReleased) {
                op.releaseWaits();
            }
        }
        listener.operationChanged(op.json());
        return op;
    }

    private void forgetFinished() {
        var now = clock.instant();
        operations.values().removeIf(op -> op.doneAt() != null && !op.doneAt().plus(keep).isAfter(now));
    }
}
