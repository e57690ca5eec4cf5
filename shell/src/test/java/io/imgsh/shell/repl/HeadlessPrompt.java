package io.imgsh.shell.repl;

import io.imgsh.shell.session.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * The prompt on a dumb terminal fed by keystrokes the test types, running on a thread of its own. Everything the
 * user would see (the terminal's output, the commands' standard output and error) lands in one transcript.
 */
final class HeadlessPrompt implements AutoCloseable {
    final Path dir;
    final Map<String, String> env = new HashMap<>();
    final Keyboard keyboard = new Keyboard();
    final ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    private final AtomicInteger status = new AtomicInteger(-1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    Session session;
    Terminal terminal;
    private Thread thread;

    HeadlessPrompt(Path dir) {
        this.dir = dir;
        env.put("HOME", dir.resolve("user").toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("NO_COLOR", "");
    }

    Path home() {
        return dir.resolve("home");
    }

    /** Starts the prompt on a dumb terminal; {@code color} is what the global options decided. */
    HeadlessPrompt start(boolean color) {
        return start(color, Terminal.TYPE_DUMB);
    }

    /**
     * Starts the prompt on a terminal of {@code type}: {@code dumb} reads whole lines as a dumb terminal sends them
     * (no key bindings), another type gets JLine's editing keys (Tab, Ctrl-P, …) and its escape sequences.
     */
    HeadlessPrompt start(boolean color, String type) {
        try {
            PrintStream out = new PrintStream(transcript, true, StandardCharsets.UTF_8);
            session = new Session(new ByteArrayInputStream(new byte[0]), out, out, Map.copyOf(env), Clock.systemUTC(),
                    true);
            session.configure(home(), false, color);
            terminal = new DumbTerminal("test", type, keyboard, transcript, StandardCharsets.UTF_8);
            Attributes attributes = terminal.getAttributes();
            attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
            // as a real terminal sets them (an unset one would match the end of input, which then never ends)
            attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
            attributes.setControlChar(Attributes.ControlChar.VQUIT, 28);
            attributes.setControlChar(Attributes.ControlChar.VSUSP, 26);
            attributes.setControlChar(Attributes.ControlChar.VSTATUS, 20);
            terminal.setAttributes(attributes);
            terminal.setSize(new Size(120, 40));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(() -> {
            try {
                status.set(new InteractiveShell(session, terminal, dir).run());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "headless-prompt");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    void type(String keys) {
        keyboard.type(keys);
    }

    String transcript() {
        return transcript.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the transcript contains {@code text}. */
    String await(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!transcript().contains(text)) {
            if (failure.get() != null) {
                throw new AssertionError("the prompt failed", failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw \"" + text + "\"; the transcript is:\n" + transcript());
            }
            sleep(10);
        }
        return transcript();
    }

    /** Waits for the prompt to end and returns its status. */
    int awaitExit(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (failure.get() != null) {
            throw new AssertionError("the prompt failed", failure.get());
        }
        if (thread.isAlive()) {
            throw new AssertionError("the prompt did not end; the transcript is:\n" + transcript());
        }
        return status.get();
    }

    /** Types {@code keys} and the end of input (Ctrl-D on an empty line), and waits for the prompt to end. */
    String run(String keys) {
        type(keys);
        keyboard.end();
        int code = awaitExit(Duration.ofSeconds(60));
        if (code != 0) {
            throw new AssertionError("status " + code + "; the transcript is:\n" + transcript());
        }
        return transcript();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws IOException {
        keyboard.end();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (terminal != null) {
            terminal.close();
        }
        if (session != null) {
            session.close();
        }
    }

    /** Keystrokes as the terminal reads them: what was typed, in order, blocking until more comes or the end. */
    static final class Keyboard extends InputStream {
        private static final int END = -1;
        private final LinkedBlockingQueue<Integer> keys = new LinkedBlockingQueue<>();
        private volatile boolean ended;

        void type(String text) {
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                keys.add(b & 0xff);
            }
        }

        void end() {
            keys.add(END);
        }

        @Override
        public int read() throws IOException {
            if (ended) {
                return -1;
            }
            try {
                Integer key = keys.poll(5, TimeUnit.MINUTES);
                if (key == null || key == END) {
                    ended = true;
                    return -1;
                }
                return key;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int first = read();
            if (first < 0) {
                return -1;
            }
            b[off] = (byte) first;
            int n = 1;
            Integer next;
            while (n < len && (next = keys.peek()) != null && next != END) {
                b[off + n++] = (byte) (int) keys.poll();
            }
            return n;
        }

        @Override
        public int available() {
            Integer next = keys.peek();
            return next == null || next == END ? 0 : keys.size();
        }
    }
}
