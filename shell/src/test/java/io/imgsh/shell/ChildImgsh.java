package io.imgsh.shell;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * imgsh in a JVM of its own, on the store of an {@link ImgshRunner}: for what only a real process shows, such as
 * its exit status, a heap limit, a real standard output or its working directory. Standard output and error go
 * to files, so that a child never blocks on a full pipe.
 */
public final class ChildImgsh {
    private final ImgshRunner runner;
    private final List<String> jvmOptions = new ArrayList<>();
    private Path directory;
    private File stdout;

    public ChildImgsh(ImgshRunner runner) {
        this.runner = runner;
    }

    /** Adds options for the child's JVM, such as {@code -Xmx64m}. */
    public ChildImgsh jvm(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /** The child's working directory. */
    public ChildImgsh directory(Path dir) {
        this.directory = dir;
        return this;
    }

    /** Sends the child's standard output to {@code file} (such as /dev/full) instead of capturing it. */
    public ChildImgsh stdout(File file) {
        this.stdout = file;
        return this;
    }

    /**
     * Starts {@code imgsh --home HOME args…} with an empty standard input, its output and errors going to
     * {@code out} and {@code err}; the caller waits for it (or stops it).
     */
    public Process start(File out, File err, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Imgsh.class.getName()));
        command.addAll(List.of(runner.withHome(args)));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out)
                .redirectError(err);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("XDG_") || name.startsWith("IMGSH_"));
        env.putAll(runner.env());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        return builder.start();
    }

    /** Runs {@code imgsh --home HOME args…} with an empty standard input and waits for it. */
    public ImgshRunner.Result run(String... args) {
        Process process = null;
        try {
            Path out = Files.createTempFile("imgsh-child-", ".out");
            Path err = Files.createTempFile("imgsh-child-", ".err");
            try {
                process = start(stdout != null ? stdout : out.toFile(), err.toFile(), args);
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    throw new AssertionError("imgsh " + String.join(" ", args) + " did not end: "
                            + Files.readString(err));
                }
                return new ImgshRunner.Result(process.exitValue(), Files.readAllBytes(out),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.delete(out);
                Files.delete(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
