package io.imgsh.engine.streams;

import io.imgsh.store.E2e;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code lxc} 5.0.2 client with a configuration directory of its own, talking to the daemon in
 * {@code lxdDir} as {@code local:} and trusting {@code certificate} as the system store would (Go reads
 * {@code SSL_CERT_FILE}).
 */
record Lxc(Path conf, Path lxdDir, Path certificate) {
    static void require() {
        E2e.requireTools("lxc");
    }

    /** Runs {@code lxc ARGS…}; its standard output; fails the test when it fails. */
    String run(String... args) {
        List<String> cmd = new ArrayList<>(List.of("lxc"));
        cmd.addAll(List.of(args));
        try {
            Files.createDirectories(conf);
            Path err = Files.createTempFile(conf, "lxc", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().putAll(Map.of("LXD_DIR", lxdDir.toString(), "LXD_CONF", conf.toString(),
                    "SSL_CERT_FILE", certificate.toString()));
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("lxc " + String.join(" ", args) + " failed: " + out + Files.readString(err));
            }
            Files.delete(err);
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run lxc: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
