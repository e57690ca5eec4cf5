package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.FilterParityTable.Case;
import io.imgsh.engine.image.FilterParityTable.ParityImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
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
    @TempDir
    static Path dir;
    LocalLxc lxc;
    @AutoClose
    ImageFixture fx;
    String run;
    Map<String, String> fingerprints;

    @BeforeAll
    void images() throws IOException {
        lxc = LocalLxc.require(dir.resolve("lxc"));
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
            assertThat(lxc.run(args.toArray(String[]::new)))
                    .contains("fingerprint: " + fingerprints.get(p.label()));
            if (p.autoUpdate()) {
                String shown = lxc.run("image", "show", "local:" + p.alias(run));
                lxc.runWithStdin(shown.replace("auto_update: false", "auto_update: true"), "image", "edit",
                        "local:" + p.alias(run));
            }
        }
    }

    @AfterAll
    void deleteFromThePeer() {
        if (fingerprints != null) {
            lxc.deleteImages(fingerprints.values());
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
            String byLxc = FilterParityTable.labels(lxc.run(args.toArray(String[]::new)).lines().toList(), fingerprints);
            String imgsh = FilterParityTable.labels(fx.images().list(filters).stream()
                    .map(Image::fingerprint).toList(), fingerprints);
            if (!byLxc.equals(c.lxc()) || !imgsh.equals(c.imgsh())) {
                differences.add(String.join(" ", filters) + ": lxc selects [" + byLxc + "] (recorded [" + c.lxc()
                        + "]), imgsh [" + imgsh + "] (expected [" + c.imgsh() + "])");
            }
        }
        assertThat(differences).isEmpty();
    }
}
