package io.imgsh.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs {@link Imgsh} in-process against a store of its own ({@code --home}), with a fixed clock so that upload
 * dates are deterministic, an environment that holds nothing of the real user's, and captured streams.
 */
public final class ImgshRunner {
    /** The instant every import is uploaded at (LXD's transcripts show Nov 27, 2026 at 2:23am UTC). */
    public static final Instant NOW = Instant.parse("2026-11-27T02:23:03.598645087Z");

    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    /** A runner whose store is {@code dir/home}; the environment's HOME is {@code dir/user}. */
    public ImgshRunner(Path dir) {
        this.home = dir.resolve("home");
        env.put("HOME", dir.resolve("user").toString());
        env.put("NO_COLOR", "1");
    }

    public Path home() {
        return home;
    }

    /** The environment the program sees; tests may add to it (e.g. script variables). */
    public Map<String, String> env() {
        return env;
    }

    public ImgshRunner clock(Instant instant) {
        this.clock = Clock.fixed(instant, ZoneOffset.UTC);
        return this;
    }

    /** {@code imgsh --home HOME args…} with an empty, non-terminal standard input. */
    public Result run(String... args) {
        return runWithStdin(new byte[0], args);
    }

    /** {@code imgsh --home HOME args…} with this (non-terminal) standard input. */
    public Result runWithStdin(String stdin, String... args) {
        return runWithStdin(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    public Result runWithStdin(byte[] stdin, String... args) {
        return runRaw(stdin, false, withHome(args));
    }

    /** Exactly these arguments (no {@code --home}), with this standard input. */
    public Result runRaw(byte[] stdin, boolean stdinTerminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Result r = run(stdin, stdinTerminal, out, args);
        return new Result(r.status(), out.toByteArray(), r.err());
    }

    /**
     * {@code imgsh --home HOME args…} writing its standard output into {@code stdout} through a PrintStream, as
     * {@code System.out} does (which swallows write errors); the result holds no output.
     */
    public Result runWithStdout(OutputStream stdout, String... args) {
        return run(new byte[0], false, stdout, withHome(args));
    }

    private Result run(byte[] stdin, boolean stdinTerminal, OutputStream stdout, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(stdout, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = new Imgsh(Map.copyOf(env), clock, stdinTerminal)
                    .run(new ByteArrayInputStream(stdin), o, e, args);
        }
        return new Result(status, new byte[0], err.toString(StandardCharsets.UTF_8));
    }

    public String[] withHome(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    /** Runs a command that must succeed and returns its standard output. */
    public String ok(String... args) {
        Result r = run(args);
        if (r.status() != 0) {
            throw new AssertionError("imgsh " + String.join(" ", args) + " failed with status " + r.status()
                    + ": " + r.err());
        }
        return r.out();
    }

    /** Imports and returns the fingerprint. */
    public String importImage(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "image";
        all[1] = "import";
        System.arraycopy(args, 0, all, 2, args.length);
        String out = ok(all);
        String prefix = "Image imported with fingerprint: ";
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no fingerprint in: " + out)).substring(prefix.length());
    }

    /**
     * Everything a failed command must leave as it was: the files in {@code images/} and {@code tmp/} (names,
     * sizes, modification times), read straight from disk before any other command opens the store (opening
     * sweeps {@code tmp/}), then the images, aliases and configuration as the program reports them.
     */
    public String snapshot() {
        StringBuilder sb = new StringBuilder();
        for (String dir : List.of("images", "tmp")) {
            sb.append(dir).append("/:\n");
            Path path = home.resolve(dir);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    for (Path f : files.sorted().toList()) {
                        sb.append("  ").append(f.getFileName()).append(' ').append(Files.size(f)).append(' ')
                                .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        sb.append(ok("image", "list", "--format", "json"));
        sb.append(ok("image", "alias", "list", "--format", "json"));
        sb.append(ok("config", "show"));
        return sb.toString();
    }

    /** The outcome of one run. */
    public record Result(int status, byte[] outBytes, String err) {
        public String out() {
            return new String(outBytes, StandardCharsets.UTF_8);
        }

        public List<String> errLines() {
            return err.lines().toList();
        }

        public List<String> outLines() {
            return out().lines().toList();
        }

        @Override
        public String toString() {
            return "status " + status + "\n--- stdout\n" + out() + "--- stderr\n" + err;
        }
    }
}
