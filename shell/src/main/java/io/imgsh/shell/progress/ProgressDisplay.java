package io.imgsh.shell.progress;

import io.imgsh.engine.image.Progress;
import io.imgsh.shell.session.Session;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jline.terminal.Terminal;

/**
 * A one-line progress display for long work (import, export, downloads): bytes done, rate and ETA, redrawn in place
 * at most {@link #REDRAWS_PER_SECOND} times a second, never before the work has run for one redraw interval nor once
 * all bytes are done (so short work draws nothing), then cleared by {@link #close}, leaving the line free for the
 * command's result. It writes only carriage returns and spaces, no escape sequences. When no byte has come for
 * {@link #STALL_NANOS}, a ticker redraws the line once a second with the decaying rate and how long it has stalled.
 *
 * <p>{@link #forCommand} draws only on a terminal: the session's terminal at the prompt, standard error for a
 * one-shot command when it is a terminal; never with {@code --quiet} or on a dumb terminal. Otherwise the display
 * is silent, so captured streams in tests never see it.
 */
public final class ProgressDisplay implements Progress, AutoCloseable {
    public static final int REDRAWS_PER_SECOND = 10;
    static final long INTERVAL_NANOS = 1_000_000_000L / REDRAWS_PER_SECOND;
    static final long STALL_NANOS = 2_000_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int DEFAULT_WIDTH = 80;

    private final Consumer<String> out;
    private final LongSupplier nanoTime;
    private final int width;
    private final long start;
    private final TransferRate rate;
    private String label;
    private long lastDraw;
    private int shown;
    private long done;
    private long total;
    private long lastProgress;
    private ScheduledExecutorService ticker;

    /**
     * @param out      writes (and flushes) text on the line; null for a silent display
     * @param nanoTime the clock, {@link System#nanoTime} outside tests
     * @param width    the line width; text is cut to one less, so it never wraps
     */
    public ProgressDisplay(String label, Consumer<String> out, LongSupplier nanoTime, int width) {
        this.label = label;
        this.out = out;
        this.nanoTime = nanoTime;
        this.width = width > 1 ? width : DEFAULT_WIDTH;
        this.start = nanoTime.getAsLong();
        this.lastDraw = start;
        this.lastProgress = start;
        this.rate = new TransferRate(start);
    }

    /** A display that draws nothing. */
    public static ProgressDisplay none() {
        return new ProgressDisplay("", null, () -> 0, DEFAULT_WIDTH);
    }

    /** The display for a command of {@code session}; see the class comment for where it draws. */
    public static ProgressDisplay forCommand(Session session, String label) {
        if (session.quiet()) {
            return none();
        }
        Optional<Terminal> attached = session.attachedTerminal();
        if (attached.isPresent()) {
            Terminal terminal = attached.get();
            if (isDumb(terminal.getType())) {
                return none();
            }
            PrintWriter writer = terminal.writer();
            return new ProgressDisplay(label, text -> {
                writer.print(text);
                writer.flush();
            }, System::nanoTime, terminal.getWidth());
        }
        if (session.stderrIsTerminal() && !isDumb(session.env().get("TERM"))) {
            PrintStream err = session.err();
            return new ProgressDisplay(label, text -> {
                err.print(text);
                err.flush();
            }, System::nanoTime, columns(session.env().get("COLUMNS")));
        }
        return none();
    }

    static boolean isDumb(String type) {
        return type != null && type.startsWith("dumb");
    }

    private static int columns(String value) {
        try {
            return value == null ? DEFAULT_WIDTH : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    @Override
    public synchronized void update(long done, long total) {
        if (out == null) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (done != this.done) {
            lastProgress = now;
        }
        this.done = done;
        this.total = total;
        if (now - lastDraw < INTERVAL_NANOS || total > 0 && done >= total) {
            // too soon, or finished: "100%" would only flash before the line is cleared
            return;
        }
        redraw(now);
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(work -> {
                Thread thread = new Thread(work, "imgsh-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Redraws a stalled transfer's line: nothing else would, since no update comes while no byte does. */
    synchronized void tick() {
        long now = nanoTime.getAsLong();
        if (out != null && shown > 0 && now - lastProgress >= STALL_NANOS) {
            redraw(now);
        }
    }

    private void redraw(long now) {
        lastDraw = now;
        long stalled = now - lastProgress >= STALL_NANOS ? (now - lastProgress) / NANOS_PER_SECOND : 0;
        draw(ProgressLine.format(label, done, total, rate.update(now, done), stalled));
    }

    /** Shows the stage, when named, in place of the label. */
    @Override
    public synchronized void update(String stage, long done, long total) {
        if (stage != null && !stage.isEmpty() && out != null) {
            label = stage;
        }
        update(done, total);
    }

    private void draw(String text) {
        String line = text.length() < width ? text : text.substring(0, width - 1);
        int pad = Math.max(0, shown - line.length());
        out.accept("\r" + line + " ".repeat(pad));
        shown = line.length();
    }

    /** Whether this display never draws. */
    boolean silent() {
        return out == null;
    }

    /**
     * Clears the line, leaving the cursor at its start; two columns more than drawn, for the {@code ^C} the terminal
     * echoes after it when Ctrl-C stops the work.
     */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        if (out != null && shown > 0) {
            out.accept("\r" + " ".repeat(Math.min(width - 1, shown + 2)) + "\r");
            shown = 0;
        }
    }
}
