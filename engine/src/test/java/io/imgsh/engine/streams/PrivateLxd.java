package io.imgsh.engine.streams;

import io.imgsh.store.E2e;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An LXD 5.0.2 daemon of the test's own (unix socket only) whose system trust store is {@code SSL_CERT_FILE}: for
 * {@code lxc image import https://…}, where the daemon itself fetches the URL and trusts only the system store (the
 * shared peer's store cannot be given a test certificate).
 */
final class PrivateLxd implements AutoCloseable {
    private final Process process;
    private final Path dir;

    private PrivateLxd(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    static PrivateLxd start(Path dir, Path trusted) throws IOException, InterruptedException {
        E2e.requireTools("lxd", "lxc");
        E2e.require("root".equals(System.getProperty("user.name")), "a private LXD daemon needs root");
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder("lxd", "--group", "root", "--logfile", dir.resolve("lxd.log")
                .toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
        pb.environment().put("LXD_DIR", dir.toString());
        pb.environment().put("SSL_CERT_FILE", trusted.toString());
        PrivateLxd lxd = new PrivateLxd(pb.start(), dir);
        ProcessBuilder wait = new ProcessBuilder("lxd", "waitready", "--timeout", "60").redirectErrorStream(true);
        wait.environment().put("LXD_DIR", dir.toString());
        Process w = wait.start();
        String said = new String(w.getInputStream().readAllBytes());
        if (w.waitFor() != 0) {
            lxd.close();
            throw new AssertionError("the private LXD daemon did not start: " + said
                    + Files.readString(dir.resolve("out.log")));
        }
        return lxd;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("lxd", "shutdown", "--timeout", "30").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LXD_DIR", dir.toString());
        pb.start().waitFor(40, TimeUnit.SECONDS);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
