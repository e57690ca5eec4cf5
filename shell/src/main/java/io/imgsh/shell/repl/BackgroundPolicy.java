package io.imgsh.shell.repl;

import io.imgsh.engine.Engine;
import java.util.function.Consumer;

/**
 * The caching policy run (expiry, auto-update) that the prompt starts in the background when a run is overdue.
 * Its changes land in the event log; only failures are shown. Closing it stops the run before the session closes
 * the store under it (an interrupted download cleans up), and a run stopped that way says nothing.
 */
final class BackgroundPolicy implements AutoCloseable {
    private static final long STOP_MILLIS = 5_000;

    private final Thread thread;
    private volatile boolean stopped;

    private BackgroundPolicy(Engine engine, Consumer<String> notice) {
        thread = new Thread(() -> {
            try {
                if (engine.policy().overdue()) {
                    engine.policy().run(false).failures().forEach(f -> tell(notice, "Image policy: " + f));
                }
            } catch (RuntimeException e) {
                tell(notice, "Image policy run failed: " + e.getMessage());
            }
        }, "imgsh-policy");
        thread.setDaemon(true);
    }

    /** Starts a run on its own thread; {@code notice} shows a line above the prompt. */
    static BackgroundPolicy start(Engine engine, Consumer<String> notice) {
        BackgroundPolicy policy = new BackgroundPolicy(engine, notice);
        policy.thread.start();
        return policy;
    }

    private void tell(Consumer<String> notice, String line) {
        if (!stopped) {
            notice.accept(line);
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
