package io.imgsh.shell.command.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.remote.StreamsTree;
import io.imgsh.shell.ImgshRunner;
import java.io.IOException;
import java.io.RandomAccessFile;
import org.junit.jupiter.api.Test;

/** {@code image mirror} and {@code image verify}: what they print and how they exit, against loopback HTTPS. */
class MirrorVerifyCommandTest extends StreamsRemoteTest {
    @Override
    boolean rootTarXz() {
        return false;
    }

    private static String fp12(String fingerprint) {
        return fingerprint.substring(0, 12);
    }

    @Test
    void mirrorReportsWhatItAddedKeptAndRemoved() {
        String family = " (p/1/default/x86_64/squashfs)";
        assertThat(imgsh.ok("image", "mirror", "ss:", "--keep", "1")).isEqualTo("Added " + fp12(v1.squashfs())
                + family + "\nMirror of ss: 1 added, 0 kept, 0 removed\n");
        assertThat(imgsh.ok("image", "mirror", "ss:")).isEqualTo("Kept " + fp12(v1.squashfs()) + family
                + "\nMirror of ss: 0 added, 1 kept, 0 removed\n");

        StreamsTree.Version v2 = tree.version(product, "20260201_0300", true, false);
        tree.publish();
        assertThat(imgsh.ok("image", "mirror", "ss:")).isEqualTo("Added " + fp12(v2.squashfs()) + family + "\n"
                + "Removed " + fp12(v1.squashfs()) + family + "\n"
                + "Moved alias p/1 from " + fp12(v1.squashfs()) + " to " + fp12(v2.squashfs()) + "\n"
                + "Moved alias p/1/amd64 from " + fp12(v1.squashfs()) + " to " + fp12(v2.squashfs()) + "\n"
                + "Mirror of ss: 1 added, 0 kept, 1 removed\n");
        assertThat(imgsh.ok("image", "list", "-c", "lf", "-f", "csv")).isEqualTo("p/1 (1 more)," + fp12(v2.squashfs())
                + "\n");
    }

    @Test
    void mirrorErrorsAreOneLine() {
        ImgshRunner.Result noRemote = imgsh.run("image", "mirror", "p/1");
        assertThat(noRemote.status()).isEqualTo(2);
        assertThat(noRemote.errLines().get(0)).isEqualTo("Error: Name the remote to mirror as REMOTE:");
        ImgshRunner.Result local = imgsh.run("image", "mirror", "local:");
        assertThat(local.status()).isEqualTo(1);
        assertThat(local.err()).startsWith("Error: The local store cannot mirror itself").hasLineCount(1);

        server.handler(v1.squashfsPath(), ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        ImgshRunner.Result failed = imgsh.run("image", "mirror", "ss:");
        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.err()).startsWith("Error: Failed to mirror 1 image(s), the next run tries again: "
                + fp12(v1.squashfs()) + ": ").hasLineCount(1);
        assertThat(imgsh.ok("image", "list", "-f", "csv")).isEmpty();
    }

    @Test
    void verifyFindsAndRepairs() throws IOException {
        imgsh.ok("image", "copy", "ss:p/1", "local:");
        String fp = v1.squashfs();
        ImgshRunner.Result sound = imgsh.run("image", "verify");
        assertThat(sound.status()).isZero();
        assertThat(sound.out()).matches("Verified 1 image\\(s\\), \\d+ bytes hashed: the store is sound\n");

        try (RandomAccessFile f = new RandomAccessFile(imgsh.home().resolve("images").resolve(fp).toFile(), "rw")) {
            int b = f.read();
            f.seek(0);
            f.write(b ^ 0xff);
        }
        ImgshRunner.Result damaged = imgsh.run("image", "verify");
        assertThat(damaged.status()).isEqualTo(1);
        assertThat(damaged.outLines().get(0)).startsWith("damaged " + fp + ": its files hash to ");
        assertThat(damaged.err()).isEqualTo("Error: 1 problem(s) found; 'image verify --repair' repairs them\n");

        ImgshRunner.Result repaired = imgsh.run("image", "verify", "--repair");
        assertThat(repaired.status()).isZero();
        assertThat(repaired.outLines().get(0)).endsWith("; downloaded again from " + server.base());
        assertThat(imgsh.ok("image", "verify")).endsWith("the store is sound\n");
    }
}
