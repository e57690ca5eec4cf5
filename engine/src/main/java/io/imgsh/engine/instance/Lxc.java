package io.imgsh.engine.instance;

import io.imgsh.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tools of Debian's {@code lxc} package, run on the instances under one LXC path. */
final class Lxc {
    /** What a command sees in its environment, as {@code lxc exec} sets it. */
    private static final List<String> EXEC_ENV = List.of(
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "USER=root",
            "LANG=C.UTF-8");

    private final Path lxcPath;

    Lxc(Path lxcPath) {
        this.lxcPath = lxcPath;
    }

    /** What {@link #rawState} says when the instance is STOPPED itself, not on its way (STARTING, ABORTING, …). */
    static final String STOPPED = "STOPPED";

    InstanceState state(String name) {
        return InstanceState.ofLxc(rawState(name));
    }

    boolean stopped(String name) {
        return rawState(name).equals(STOPPED);
    }

    /** The state as LXC names it (STOPPED, STARTING, RUNNING, STOPPING, ABORTING, FREEZING, FROZEN, THAWED). */
    String rawState(String name) {
        String out = run(List.of("lxc-info", "-P", lxcPath.toString(), "-n", name, "-s"));
        return out.replaceFirst("(?s)^State:\\s*", "").strip();
    }

    /** Starts the instance in the background; fails with LXC's own reason. */
    void start(String name) {
        run(List.of("lxc-start", "-P", lxcPath.toString(), "-n", name));
    }

    /** Asks init to shut down and waits up to {@code timeoutSeconds} (-1: for ever), or kills it when forced. */
    void stop(String name, boolean force, int timeoutSeconds) {
        List<String> command = new ArrayList<>(List.of("lxc-stop", "-P", lxcPath.toString(), "-n", name));
        if (force) {
            command.add("-k");
        } else {
            command.addAll(List.of("-t", Integer.toString(timeoutSeconds)));
        }
        run(command);
    }

    void freeze(String name) {
        run(List.of("lxc-freeze", "-P", lxcPath.toString(), "-n", name));
    }

    void unfreeze(String name) {
        run(List.of("lxc-unfreeze", "-P", lxcPath.toString(), "-n", name));
    }

    /**
     * Runs {@code command} in the instance with {@code in}, {@code out} and {@code err} as its standard streams (null
     * {@code in}: none) and returns its exit status.
     */
    int attach(String name, List<String> command, InputStream in, OutputStream out, OutputStream err) {
        try {
            ProcessBuilder builder = new ProcessBuilder(attachLine(name, command));
            if (in == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            Process process = builder.start();
            Thread stdout = pump(process.getInputStream(), out);
            Thread stderr = pump(process.getErrorStream(), err);
            if (in != null) {
                Thread stdin = new Thread(() -> {
                    try (OutputStream toProcess = process.getOutputStream()) {
                        in.transferTo(toProcess);
                    } catch (IOException e) {
                        // the command ended without reading all of its input
                    }
                });
                stdin.setDaemon(true);
                stdin.start();
            }
            int status = process.waitFor();
            stdout.join();
            stderr.join();
            return status;
        } catch (IOException e) {
            throw new EngineException("Failed to run lxc-attach: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted");
        }
    }

    /**
     * Runs {@code command} in the instance on this process's own terminal (lxc-attach gives it a terminal of its
     * own inside) and returns its exit status.
     */
    int attachTerminal(String name, List<String> command) {
        try {
            return new ProcessBuilder(attachLine(name, command)).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new EngineException("Failed to run lxc-attach: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted");
        }
    }

    private List<String> attachLine(String name, List<String> command) {
        List<String> line = new ArrayList<>(List.of("lxc-attach", "-P", lxcPath.toString(), "-n", name,
                "--clear-env"));
        EXEC_ENV.forEach(v -> line.addAll(List.of("-v", v)));
        String term = System.getenv("TERM");
        if (term != null) {
            line.addAll(List.of("-v", "TERM=" + term));
        }
        line.add("--");
        line.addAll(command);
        return line;
    }

    private static Thread pump(InputStream from, OutputStream to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the reader went away; the command's status still tells how it ended
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Runs an LXC tool; its standard output, or a one-line failure with what it said on standard error. */
    private static String run(List<String> command) {
        Path errors = null;
        try {
            // standard error to a file, so that neither stream can fill its pipe while the other is read
            errors = Files.createTempFile("imgsh-lxc", ".err");
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                String why = Files.readString(errors).strip().lines().reduce((a, b) -> b).orElse("");
                throw new EngineException("Failed to run " + command.get(0) + ": "
                        + why.replaceFirst("^\\S+: \\S+: ", ""));
            }
            return out;
        } catch (IOException e) {
            throw new EngineException("Failed to run " + command.get(0) + " (is the lxc package installed?): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted");
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException ignored) {
                    // a temporary file of ours; the system's tmp cleaning takes it
                }
            }
        }
    }
}
