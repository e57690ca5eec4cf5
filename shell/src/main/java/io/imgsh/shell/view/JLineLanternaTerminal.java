package io.imgsh.shell.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.ansi.ANSITerminal;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;
import org.jline.utils.NonBlockingInputStream;

/**
 * Lanterna's {@link com.googlecode.lanterna.terminal.Terminal} on top of a JLine terminal (the prompt's, a system
 * terminal, or later an SSH channel's), so that full-screen views never open a terminal of their own.
 *
 * <p>Output is Lanterna's ANSI sequences written to JLine's output stream. Input is read from JLine's input stream by
 * a thread of this class and queued, a whole escape sequence at a time, for Lanterna's key decoder; {@code \r}
 * becomes {@code \n} (JLine's raw mode turns off ICRNL). Raw mode is entered through JLine, with ISIG off as well, so
 * that Ctrl-C, Ctrl-Z and Ctrl-\ arrive as keys instead of signals; a SIGINT that arrives anyway is turned into a
 * Ctrl-C key, never an exit. The size is JLine's, and JLine's WINCH handler reports resizes to Lanterna's listeners.
 * {@link #close} stops the reader, puts the previous signal handlers and terminal attributes back and leaves the
 * alternate screen if Lanterna is still in it.
 */
public final class JLineLanternaTerminal extends ANSITerminal {
    static final int ESC = 0x1b;
    private static final long POLL_MILLIS = 100;
    private static final long ESCAPE_WAIT_MILLIS = 50;

    private final Terminal jline;
    private final ByteQueue queue;
    private final Attributes original;
    private final SignalHandler previousWinch;
    private final SignalHandler previousInt;
    private final Thread reader;
    private volatile boolean running = true;
    private boolean closed;

    private JLineLanternaTerminal(Terminal jline, ByteQueue queue) {
        super(queue, new BufferedOutputStream(jline.output(), 1 << 16), jline.encoding());
        this.jline = jline;
        this.queue = queue;
        jline.flush();
        this.original = jline.enterRawMode();
        Attributes raw = jline.getAttributes();
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
        raw.setInputFlag(Attributes.InputFlag.IXON, false);
        jline.setAttributes(raw);
        this.previousWinch = jline.handle(Signal.WINCH, signal -> resized());
        this.previousInt = jline.handle(Signal.INT, signal -> queue.push(new byte[] {3}, 1));
        this.reader = new Thread(this::readLoop, "imgsh-view-input");
        reader.setDaemon(true);
        reader.start();
    }

    /** Puts {@code jline} in raw mode and reads its input until {@link #close}. */
    public static JLineLanternaTerminal open(Terminal jline) {
        return new JLineLanternaTerminal(jline, new ByteQueue());
    }

    /** Whether a full-screen view can run on {@code jline} (not a dumb terminal). */
    public static boolean supports(Terminal jline) {
        String type = jline.getType();
        return type != null && !type.startsWith(Terminal.TYPE_DUMB) && !type.equals("unknown");
    }

    /**
     * A character as the terminal's charset encodes it. (Lanterna's own UTF-8 path writes the encoder's whole buffer,
     * a NUL byte after every two-byte character.) Without UTF-8 (a POSIX locale), the few symbols the views draw
     * (sort arrows, dots, ellipsis, the editor's rule and scroll bar) become ASCII; anything else not in the charset
     * is left to Lanterna.
     */
    @Override
    protected byte[] translateCharacter(char input) {
        if (getCharset().equals(StandardCharsets.UTF_8)) {
            if (!Character.isSurrogate(input)) {
                return String.valueOf(input).getBytes(StandardCharsets.UTF_8);
            }
        } else {
            switch (input) {
                case '▲' -> {
                    return new byte[] {'^'};
                }
                case '▼' -> {
                    return new byte[] {'v'};
                }
                case '·' -> {
                    return new byte[] {'|'};
                }
                case '…' -> {
                    return new byte[] {'~'};
                }
                case '─' -> {
                    return new byte[] {'-'};
                }
                case '█' -> {
                    return new byte[] {'#'};
                }
                case '▒' -> {
                    return new byte[] {':'};
                }
                default -> {
                    // Lanterna's translation
                }
            }
        }
        return super.translateCharacter(input);
    }

    @Override
    protected TerminalSize findTerminalSize() {
        Size size = jline.getSize();
        int columns = size == null || size.getColumns() <= 0 ? 80 : size.getColumns();
        int rows = size == null || size.getRows() <= 0 ? 24 : size.getRows();
        return new TerminalSize(columns, rows);
    }

    private void resized() {
        try {
            getTerminalSize(); // tells the resize listeners when the size changed
        } catch (IOException | RuntimeException ignored) {
            // the next key redraws anyway
        }
        queue.wake();
    }

    /**
     * Waits up to {@code millis} for a key (or a resize); true if input is queued. Lets the view loop sleep instead of
     * polling.
     */
    public boolean awaitInput(long millis) throws InterruptedException {
        return queue.await(millis);
    }

    private void readLoop() {
        InputStream in = jline.input();
        NonBlockingInputStream nonBlocking = in instanceof NonBlockingInputStream n ? n : null;
        byte[] sequence = new byte[64];
        try {
            while (running) {
                int c = nonBlocking != null ? nonBlocking.read(POLL_MILLIS) : in.read();
                if (c == NonBlockingInputStream.READ_EXPIRED) {
                    continue;
                }
                if (c < 0) {
                    break;
                }
                sequence[0] = (byte) (c == '\r' ? '\n' : c);
                int length = 1;
                if (c == ESC && nonBlocking != null) {
                    length = readEscapeSequence(nonBlocking, sequence);
                }
                if (running) {
                    queue.push(sequence, length);
                }
            }
        } catch (IOException e) {
            // the terminal went away: the view sees end of input
        }
        if (running) {
            queue.close();
        }
    }

    /**
     * The rest of an escape sequence that began with ESC, so that it is queued whole: CSI ({@code ESC [}) up to its
     * final byte, SS3 ({@code ESC O}) and one more byte, or one character (Alt+key). A lone ESC (nothing follows
     * within {@value #ESCAPE_WAIT_MILLIS} ms) stays alone: the Escape key.
     */
    static int readEscapeSequence(NonBlockingInputStream in, byte[] sequence) throws IOException {
        int length = 1;
        int introducer = in.read(ESCAPE_WAIT_MILLIS);
        if (introducer < 0) {
            return length;
        }
        sequence[length++] = (byte) introducer;
        if (introducer != '[' && introducer != 'O') {
            return length;
        }
        while (length < sequence.length) {
            int c = in.read(ESCAPE_WAIT_MILLIS);
            if (c < 0) {
                break;
            }
            sequence[length++] = (byte) c;
            boolean linuxFunctionKey = length == 3 && c == '['; // ESC [ [ A: F1 on the Linux console
            if (introducer == 'O' || c >= 0x40 && c <= 0x7e && !linuxFunctionKey) {
                break;
            }
        }
        if (introducer == 'O' && length == 3 && "ABCDHF".indexOf(sequence[2]) >= 0) {
            // Cursor keys in application mode (left on by a line editor's keypad_xmit): Lanterna would read
            // ESC O A as Ctrl+Up, so they become the normal-mode ESC [ A.
            sequence[1] = '[';
        }
        return length;
    }

    /**
     * Stops reading the terminal (waiting for the reader to finish its current poll), so that what is typed from now
     * on stays for the prompt. The view calls it before it leaves the alternate screen: once the shell's screen is
     * back, no key is taken away from it.
     */
    public void stopInput() {
        running = false;
        queue.close();
        try {
            reader.join(5 * POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        stopInput();
        try {
            super.close(); // leaves the alternate screen if still there
            flush();
        } finally {
            jline.handle(Signal.WINCH, previousWinch);
            jline.handle(Signal.INT, previousInt);
            jline.setAttributes(original);
            jline.flush();
        }
    }
}
