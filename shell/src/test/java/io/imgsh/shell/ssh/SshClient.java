package io.imgsh.shell.ssh;

import io.imgsh.shell.ImgshRunner;
import io.imgsh.store.E2e;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real OpenSSH client ({@code ssh}, {@code scp}, {@code sftp}) with no configuration but its options: one
 * identity, its own known_hosts file, no password prompts.
 */
record SshClient(Path dir, int port, Path identity, Path knownHosts, List<String> options) {
    static void require() {
        E2e.requireTools("ssh", "ssh-keygen", "scp", "sftp");
    }

    static SshClient of(Path dir, int port, Path identity) {
        return new SshClient(dir, port, identity, dir.resolve("known_hosts"), List.of());
    }

    /** The same client with more {@code -o}-style options (or any other of ssh's flags). */
    SshClient with(String... more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return new SshClient(dir, port, identity, knownHosts, all);
    }

    /** A new ed25519 key pair at {@code file} (and {@code file.pub}). */
    static Path keygen(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f",
                file.toString()).redirectErrorStream(true).start();
        if (p.waitFor() != 0) {
            throw new AssertionError(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return file;
    }

    /** {@code ssh-keygen -lf FILE}'s fingerprint ({@code SHA256:…}). */
    static String fingerprint(Path publicKey) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-lf", publicKey.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.split(" ")[1];
    }

    /** {@code program} ({@code ssh}, {@code scp}, {@code sftp}) with this client's options; the port flag is its. */
    List<String> command(String program, String... args) {
        // the first value given for an option wins: this client's own options come before the defaults
        List<String> command = new ArrayList<>(List.of(program, "-F", "/dev/null"));
        command.addAll(options);
        command.addAll(List.of("-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=accept-new",
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
                program.equals("ssh") ? "-p" : "-P", String.valueOf(port)));
        if (identity != null) {
            command.addAll(List.of("-i", identity.toString()));
        }
        command.addAll(List.of(args));
        return command;
    }

    /** {@code ssh admin@127.0.0.1 REMOTE…} reading {@code stdin}; waits for it. */
    ImgshRunner.Result ssh(String stdin, String... remote) {
        List<String> args = new ArrayList<>(List.of("--", "admin@127.0.0.1")); // "--": REMOTE may start with -
        args.addAll(List.of(remote));
        return run(stdin, command("ssh", args.toArray(String[]::new)));
    }

    /** Runs {@code command} reading {@code stdin} (null: nothing) and waits for it. */
    ImgshRunner.Result run(String stdin, List<String> command) {
        try {
            Path in = Files.writeString(Files.createTempFile(dir, "ssh", ".in"), stdin == null ? "" : stdin);
            Path out = Files.createTempFile(dir, "ssh", ".out");
            Path err = Files.createTempFile(dir, "ssh", ".err");
            Process p = builder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not end");
            }
            return new ImgshRunner.Result(p.exitValue(), Files.readAllBytes(out),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A process builder for {@code command} whose HOME is the test directory (no ~/.ssh of the real user). */
    ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOME", dir.toString());
        builder.environment().remove("SSH_AUTH_SOCK");
        return builder;
    }
}
