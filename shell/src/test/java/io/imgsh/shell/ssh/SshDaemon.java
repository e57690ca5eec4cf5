package io.imgsh.shell.ssh;

import io.imgsh.shell.ChildImgsh;
import io.imgsh.shell.ImgshRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code imgsh serve} with the SSH console only, in a JVM of its own on the store of an {@link ImgshRunner}. */
final class SshDaemon implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile(
            "Serving the SSH console on 127\\.0\\.0\\.1:(\\d+) \\(host key (SHA256:\\S+)\\)");

    final Process process;
    final Path log;
    final int port;
    final String hostKey;

    private SshDaemon(Process process, Path log, int port, String hostKey) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.hostKey = hostKey;
    }

    /** Starts it on a free loopback port (core.ssh_address must be 127.0.0.1:0) and waits until it listens. */
    static SshDaemon start(ImgshRunner imgsh, Path dir, String name) throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process process = new ChildImgsh(imgsh).start(out.toFile(), err.toFile(), "serve");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Matcher m = SERVING.matcher(Files.readString(out));
            if (m.find()) {
                return new SshDaemon(process, err, Integer.parseInt(m.group(1)), m.group(2));
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("imgsh serve did not start: " + Files.readString(err));
            }
            Thread.sleep(50);
        }
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Stops it as SIGTERM does and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
