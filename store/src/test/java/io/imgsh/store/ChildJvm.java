package io.imgsh.store;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A main class of the tests ({@link StoreChild} by default) running in its own JVM, as another imgsh process would. */
public final class ChildJvm implements AutoCloseable {
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
            lines.add(EOF);
        }, "child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(String... args) throws IOException {
        return run(StoreChild.class, args);
    }

    /** {@code main}'s main method with {@code args}, on this JVM's class path; its standard error is the test's. */
    public static ChildJvm run(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** Waits for a line starting with {@code prefix} and returns what follows it (trimmed). */
    /**
     * After the child printed {@code COPYING <pos>} (it blocks reading there): waits until its temporary file holds
     * every buffer the ingest handed to its writer, the {@code pos} bytes rounded down to whole buffers (the buffer
     * being filled is never written while the child blocks). Returns that file.
     */
    static Path awaitWritten(Path tmpDir, String copyingAt, Duration timeout) throws Exception {
        long pos = Long.parseLong(copyingAt);
        long written = pos / Ingest.BUFFER_SIZE * Ingest.BUFFER_SIZE;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Path> files = TestImages.list(tmpDir);
            if (files.size() == 1 && Files.size(files.get(0)) == written) {
                return files.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the child's temporary file did not reach " + written + " bytes: " + files);
            }
            Thread.sleep(10);
        }
    }

    public String await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                fail("child %d printed no %s within %s; it printed %s", process.pid(), prefix, timeout, seen);
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                fail("child %d ended (exit %s) before printing %s; it printed %s", process.pid(),
                        process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : "?", prefix, seen);
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
    }

    /** SIGKILL, as a crash or an OOM killer would; returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the child's standard input, then waits for it to end as {@link #waitFor} does. */
    public int endInput(Duration timeout) throws IOException, InterruptedException {
        process.getOutputStream().close();
        return waitFor(timeout);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("child %d did not end within %s; it printed %s", process.pid(), timeout, seen);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
