package io.imgsh.shell.e2e;

import io.imgsh.store.E2e;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal: a detached tmux session running a command, driven like a person at the keyboard
 * ({@code send-keys}) and read back as the screen shows it ({@code capture-pane}).
 */
public final class Tmux implements AutoCloseable {
    public static final int COLUMNS = 120;
    public static final int ROWS = 40;

    private final String session;

    private Tmux(String session) {
        this.session = session;
    }

    /** Starts {@code command} in a new {@value #COLUMNS}x{@value #ROWS} session; requires tmux (see {@link E2e}). */
    public static Tmux start(String name, Path workDir, Map<String, String> env, String... command) {
        E2e.requireTools("tmux");
        String session = name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        List<String> args = new ArrayList<>(List.of("new-session", "-d", "-s", session, "-x", String.valueOf(COLUMNS),
                "-y", String.valueOf(ROWS), "-c", workDir.toString()));
        env.forEach((k, v) -> args.addAll(List.of("-e", k + "=" + v)));
        args.add(String.join(" ", quoted(command)));
        tmux(args);
        Tmux tmux = new Tmux(session);
        tmux.tmux(List.of("set-option", "-t", session, "remain-on-exit", "on"));
        return tmux;
    }

    /** Sends keys in tmux's syntax: literal text, or key names such as {@code Enter}, {@code Tab}, {@code C-c}. */
    public void send(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args);
    }

    /** Types {@code text} literally (no key-name interpretation). */
    public void type(String text) {
        tmux(List.of("send-keys", "-t", session, "-l", "--", text)); // "--": text may start with a dash
    }

    /** Appends what the command writes to the terminal from now on, raw (escape sequences and all), to {@code file}. */
    public void record(Path file) {
        tmux(List.of("pipe-pane", "-t", session, "-o", "cat >> '" + file.toString().replace("'", "'\\''") + "'"));
    }

    /** The visible screen, one line per row, trailing blanks trimmed. */
    public String screen() {
        return tmux(List.of("capture-pane", "-p", "-t", session));
    }

    /** Polls the screen until {@code until} holds; fails with the last screen after {@code timeout}. */
    public String awaitScreen(Predicate<String> until, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = screen();
        while (!until.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the screen never showed what was expected; it shows:\n" + screen);
            }
            sleep(50);
            screen = screen();
        }
        return screen;
    }

    public String awaitText(String text, Duration timeout) {
        return awaitScreen(s -> s.contains(text), timeout);
    }

    /** Whether the command in the session has ended. */
    public boolean exited() {
        return tmux(List.of("display-message", "-p", "-t", session, "#{pane_dead}")).strip().equals("1");
    }

    /** The process the session runs: the command's. */
    public long pid() {
        return Long.parseLong(tmux(List.of("display-message", "-p", "-t", session, "#{pane_pid}")).strip());
    }

    @Override
    public void close() {
        tmux(List.of("kill-session", "-t", session));
    }

    private static String tmux(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("tmux");
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 && !args.get(0).equals("kill-session")) {
                throw new IllegalStateException("tmux " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run tmux: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> quoted(String... words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.add("'" + w.replace("'", "'\\''") + "'");
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
