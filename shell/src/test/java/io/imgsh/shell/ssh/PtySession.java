package io.imgsh.shell.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import io.imgsh.store.E2e;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ssh -tt} into the prompt, driven key by key: what is typed goes to ssh's standard input, what the prompt
 * writes is collected and awaited. Either ssh reads a pipe (the pty it asks for has no size or modes of its own), or
 * it runs on a terminal of its own ({@code script} makes one), which can be resized.
 */
final class PtySession implements AutoCloseable {
    private final Process process;
    private final OutputStream keyboard;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Thread reader;

    /** ssh reading a pipe, on a terminal of type {@code term}. */
    PtySession(SshClient client, String term) throws IOException {
        this(client, term, client.command("ssh", "-tt", "admin@127.0.0.1"));
    }

    /** ssh on an xterm of its own (80x24 until {@link #resize}); needs util-linux's {@code script}. */
    static PtySession onTerminal(SshClient client) throws IOException {
        E2e.requireTools("script");
        String ssh = String.join(" ", client.command("ssh", "-tt", "admin@127.0.0.1").stream()
                .map(word -> "'" + word.replace("'", "'\\''") + "'").toList());
        return new PtySession(client, "xterm", List.of("script", "-qfec", ssh, "/dev/null"));
    }

    private PtySession(SshClient client, String term, List<String> command) throws IOException {
        ProcessBuilder builder = client.builder(command).redirectErrorStream(true);
        builder.environment().put("TERM", term);
        process = builder.start();
        keyboard = process.getOutputStream();
        reader = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = process.getInputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (screen) {
                        screen.write(buffer, 0, n);
                        screen.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // ssh ended
            }
        }, "pty-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Resizes ssh's terminal, as a person resizing the window: its size is set and ssh gets SIGWINCH, on which it
     * sends the new size to the server.
     */
    void resize(int columns, int rows) throws IOException, InterruptedException {
        ProcessHandle ssh = process.children().findFirst().orElseThrow();
        String tty = Files.readSymbolicLink(Path.of("/proc/" + ssh.pid() + "/fd/0")).toString();
        for (List<String> command : List.of(
                List.of("stty", "-F", tty, "cols", String.valueOf(columns), "rows", String.valueOf(rows)),
                List.of("kill", "-WINCH", String.valueOf(ssh.pid())))) {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                throw new AssertionError(command + ": " + new String(p.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8));
            }
        }
    }

    void send(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** Waits until the output from {@code from} on contains {@code text}; returns the offset just past it. */
    int await(int from, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        synchronized (screen) {
            while (true) {
                String shown = screen.toString(StandardCharsets.UTF_8);
                int at = shown.indexOf(text, from);
                if (at >= 0) {
                    return at + text.length();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("never showed \"" + text + "\"; it shows:\n" + shown.substring(from));
                }
                screen.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
    }

    /** Types {@code line} and returns what it printed up to the next prompt {@code prompt}. */
    String run(String line, String prompt) throws IOException, InterruptedException {
        int from;
        synchronized (screen) {
            from = screen.size();
        }
        send(line + "\n");
        int end = await(from, prompt);
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8).substring(from, end - prompt.length());
        }
    }

    /** Types {@code keys} that leave the prompt; returns ssh's exit status. */
    int end(String keys) throws IOException, InterruptedException {
        send(keys);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("ssh did not end");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
