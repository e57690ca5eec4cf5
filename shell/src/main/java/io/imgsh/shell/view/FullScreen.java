package io.imgsh.shell.view;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.SimpleTheme;
import com.googlecode.lanterna.gui2.DefaultWindowManager;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;

/**
 * A Lanterna GUI (gui2) on a Lanterna terminal: the real one ({@link JLineLanternaTerminal}) or a virtual one in
 * tests. Views add windows to {@link #gui()}; {@link #pump()} handles the keys that are waiting and redraws what
 * changed, all on the calling thread, so a test can type keys and read the screen without threads or sleeps.
 * Dialogs never block: they are windows whose keys call back into the view.
 */
public final class FullScreen implements AutoCloseable {
    private static final long IDLE_WAIT_MILLIS = 250;

    private final Terminal terminal;
    private final TerminalScreen screen;
    private final MultiWindowTextGUI gui;
    private boolean ended;
    private boolean repaint;

    private FullScreen(Terminal terminal) throws IOException {
        this.terminal = terminal;
        this.screen = new TerminalScreen(terminal);
        screen.startScreen();
        screen.setCursorPosition(null);
        this.gui = new MultiWindowTextGUI(screen, new DefaultWindowManager(), new EmptySpace(TextColor.ANSI.DEFAULT));
        gui.setTheme(theme());
    }

    /** Enters the alternate screen of {@code terminal}; {@link #close} leaves it. */
    public static FullScreen start(Terminal terminal) {
        try {
            return new FullScreen(terminal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The terminal's own colours throughout, so that a view looks like the shell it came from. */
    static SimpleTheme theme() {
        TextColor d = TextColor.ANSI.DEFAULT;
        return SimpleTheme.makeTheme(false, d, d, d, d, d, d, d);
    }

    public MultiWindowTextGUI gui() {
        return gui;
    }

    public TerminalScreen screen() {
        return screen;
    }

    /** True once the input ended (the terminal closed): every window should be considered closed. */
    public boolean ended() {
        return ended;
    }

    /** Handles every key waiting and redraws if anything changed; true if there were keys. */
    public boolean pump() {
        boolean input = false;
        try {
            if (!ended) {
                input = gui.processInput();
            }
        } catch (EOFException e) {
            ended = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        redraw();
        return input;
    }

    /** Redraws now if anything changed (a view calls it before slow work, so that its message shows). */
    public void redraw() {
        try {
            if (gui.isPendingUpdate() || repaint) {
                gui.updateScreen();
            }
            if (repaint) {
                repaint = false;
                screen.refresh(Screen.RefreshType.COMPLETE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the next redraw write every cell again (Ctrl-L: something else wrote over the screen). */
    public void repaintAll() {
        repaint = true;
    }

    /** Runs the GUI until {@code window} closes or the input ends. */
    public void runUntilClosed(Window window) {
        runUntilClosed(window, () -> { });
    }

    /** Runs the GUI until {@code window} closes or the input ends, running {@code whileIdle} when no key waits. */
    public void runUntilClosed(Window window, Runnable whileIdle) {
        redraw();
        while (window.getTextGUI() != null && !ended) {
            if (!pump()) {
                whileIdle.run();
                redraw();
                idle();
            }
        }
    }

    private void idle() {
        try {
            if (terminal instanceof JLineLanternaTerminal real) {
                real.awaitInput(IDLE_WAIT_MILLIS);
            } else {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = true;
        }
    }

    /** Leaves the alternate screen (the terminal shows what it showed before) and shows the cursor again. */
    @Override
    public void close() {
        try {
            for (Window w : new ArrayList<>(gui.getWindows())) {
                gui.removeWindow(w);
            }
            if (terminal instanceof JLineLanternaTerminal real) {
                real.stopInput(); // before the shell's screen is back
            }
            screen.stopScreen(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
