package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.FilterParityTable.Case;
import io.imgsh.engine.image.FilterParityTable.ParityImage;
import io.imgsh.engine.remote.lxd.LxdPeer;
import io.imgsh.store.E2e;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FilterParityTable} against the real thing: the parity images go into the LXD 5.0.2 peer (through its unix
 * socket, with a client configuration of this test's own) and into an imgsh store, and every expression must select
 * the same images from both, except the recorded cases where LXD's server never matches. The images are new to the
 * peer on every run and deleted from it afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageFilterPeerE2eTest {
    private static final Path PEER_DIR = Path.of(System.getenv().getOrDefault("LXD_PEER_DIR", "/tmp/lxdpeer"));

    @TempDir
    static Path dir;
    ImageFixture fx;
    String run;
    Map<String, String> fingerprints;

    @BeforeAll
    void images() throws IOException {
        LxdPeer.require();
        E2e.require(Files.exists(PEER_DIR.resolve("unix.socket")),
                "the LXD peer's unix socket is missing: " + PEER_DIR.resolve("unix.socket"));
        run = "pf" + UUID.randomUUID().toString().substring(0, 8);
        fx = new ImageFixture(dir.resolve("imgsh"));
        List<ParityImage> images = FilterParityTable.write(Files.createDirectories(dir.resolve("images")), run);
        fingerprints = FilterParityTable.importInto(fx.images(), images, run);
        for (ParityImage p : images) {
            List<String> args = new ArrayList<>(List.of("image", "import", p.metadata().toString()));
            if (p.rootfs() != null) {
                args.add(p.rootfs().toString());
            }
            args.addAll(List.of("local:", "--alias", p.alias(run)));
            if (p.isPublic()) {
                args.add("--public");
            }
            assertThat(lxc(null, args.toArray(String[]::new)))
                    .contains("fingerprint: " + fingerprints.get(p.label()));
            if (p.autoUpdate()) {
                String shown = lxc(null, "image", "show", "local:" + p.alias(run));
                lxc(shown.replace("auto_update: false", "auto_update: true"), "image", "edit", "local:" + p.alias(run));
            }
        }
    }

    @AfterAll
    void cleanUp() {
        if (fx != null) {
            fx.close();
        }
        if (fingerprints != null) {
            String listed = lxc(null, "image", "list", "local:", "--format", "csv", "-c", "F");
            for (String fp : fingerprints.values()) {
                if (listed.contains(fp)) {
                    lxc(null, "image", "delete", "local:" + fp);
                }
            }
        }
    }

    @Test
    void everyExpressionSelectsWhatLxcSelects() {
        List<String> differences = new ArrayList<>();
        for (Case c : FilterParityTable.CASES) {
            List<String> filters = FilterParityTable.expand(c, run, fingerprints);
            List<String> args = new ArrayList<>(List.of("image", "list", "local:"));
            args.addAll(filters);
            args.addAll(List.of("--format", "csv", "-c", "F"));
            String lxc = FilterParityTable.labels(lxc(null, args.toArray(String[]::new)).lines().toList(),
                    fingerprints);
            String imgsh = FilterParityTable.labels(fx.images().list(ImageFilter.of(filters)).stream()
                    .map(Image::fingerprint).toList(), fingerprints);
            if (!lxc.equals(c.lxc()) || !imgsh.equals(c.imgsh())) {
                differences.add(String.join(" ", filters) + ": lxc selects [" + lxc + "] (recorded [" + c.lxc()
                        + "]), imgsh [" + imgsh + "] (expected [" + c.imgsh() + "])");
            }
        }
        assertThat(differences).isEmpty();
    }

    /** Runs {@code lxc ARGS…} on the peer's unix socket with {@code stdin}; fails the test when it fails. */
    private String lxc(String stdin, String... args) {
        List<String> cmd = new ArrayList<>(List.of("lxc"));
        cmd.addAll(List.of(args));
        try {
            Path err = Files.createTempFile(dir, "lxc", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().put("LXD_DIR", PEER_DIR.toString());
            pb.environment().put("LXD_CONF", dir.resolve("lxd-conf").toString());
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("lxc " + String.join(" ", args) + " failed: " + out + Files.readString(err));
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run lxc: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
