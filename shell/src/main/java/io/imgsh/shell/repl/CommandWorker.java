package io.imgsh.shell.repl;

import io.imgsh.shell.command.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;

/**
 * Runs the prompt's commands one at a time on a thread of their own, so that Ctrl-C ({@link Terminal.Signal#INT}
 * on the session's terminal) can interrupt the one running. An interrupted import or export stops at its next
 * read or write and cleans up after itself; the prompt waits until it has, then reports it. One long-lived
 * thread keeps the store's per-thread connection across commands.
 */
final class CommandWorker implements AutoCloseable {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "imgsh-command");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    private Thread running;
    private boolean interrupted;

    /** How a command ended, and whether Ctrl-C was pressed while it ran. */
    record Result(Outcome outcome, boolean interrupted) {
    }

    /** Runs {@code command} on the worker thread and waits for it; Ctrl-C on {@code terminal} interrupts it. */
    Result run(Terminal terminal, Supplier<Outcome> command) {
        synchronized (lock) {
            interrupted = false;
        }
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> interrupt());
        try {
            executor.execute(() -> {
                synchronized (lock) {
                    running = Thread.currentThread();
                    if (interrupted) {
                        running.interrupt();
                    }
                }
                try {
                    done.complete(command.get());
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                } finally {
                    synchronized (lock) {
                        running = null;
                    }
                    Thread.interrupted();
                }
            });
            Outcome outcome = await(done);
            synchronized (lock) {
                return new Result(outcome, interrupted);
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }

    /** Interrupts the running command (what Ctrl-C does). */
    void interrupt() {
        synchronized (lock) {
            interrupted = true;
            if (running != null) {
                running.interrupt();
            }
        }
    }

    /**
     * Waits for the command. An interrupt of the waiting thread (the JVM stopping, see {@code Imgsh.main}) is passed
     * on to the command, then kept for the caller.
     */
    private Outcome await(CompletableFuture<Outcome> done) {
        boolean selfInterrupted = false;
        try {
            while (true) {
                try {
                    return done.get();
                } catch (InterruptedException e) {
                    selfInterrupted = true;
                    interrupt();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                    return new Outcome(Outcome.FAILURE, message.lines().findFirst().orElse(message));
                }
            }
        } finally {
            if (selfInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
