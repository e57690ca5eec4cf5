package io.imgsh.shell.command.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.remote.StreamsTree;
import io.imgsh.shell.ImgshRunner;
import org.junit.jupiter.api.Test;

/** {@code image copy}, {@code image refresh}, {@code policy run} and remote listings against loopback HTTPS. */
class CopyCommandTest extends StreamsRemoteTest {
    @Override
    boolean rootTarXz() {
        return true;
    }

    @Test
    void remoteListingsInfoAndAliases() {
        assertThat(imgsh.ok("image", "list", "ss:", "-c", "lfts", "-f", "csv")).isEqualTo(
                "p/1 (1 more)," + v1.squashfs().substring(0, 12) + ",CONTAINER,0.00MB\n"
                        + "," + v1.rootxz().substring(0, 12) + ",CONTAINER,0.00MB\n");
        assertThat(imgsh.ok("image", "list", "ss:", "type=root.tar.xz", "-c", "f", "-f", "csv"))
                .isEqualTo(v1.rootxz().substring(0, 12) + "\n");
        String info = imgsh.ok("image", "info", "ss:p/1");
        assertThat(info).startsWith("Fingerprint: " + v1.squashfs() + "\n").contains("Public: yes\n");
        assertThat(imgsh.ok("image", "alias", "list", "ss:", "-f", "csv")).isEqualTo(
                "p/1," + v1.squashfs().substring(0, 12) + ",CONTAINER,\n"
                        + "p/1/amd64," + v1.squashfs().substring(0, 12) + ",CONTAINER,\n");
        assertThat(imgsh.ok("image", "show", "ss:p/1")).contains("public: true\n");
    }

    @Test
    void copyRefreshAndPolicy() {
        assertThat(imgsh.ok("image", "copy", "ss:p/1", "local:", "--alias", "mine", "--auto-update"))
                .isEqualTo("Image copied successfully!\n");
        String info = imgsh.ok("image", "info", "mine");
        assertThat(info).startsWith("Fingerprint: " + v1.squashfs() + "\n").contains("Auto update: enabled\n")
                .contains("Source:\n    Server: " + server.base() + "\n    Protocol: simplestreams\n    Alias: p/1\n");
        assertThat(imgsh.ok("image", "refresh", "mine")).isEqualTo("Image already up to date.\n");

        StreamsTree.Version v2 = tree.version(product, "20260301_0300", true, false);
        tree.publish();
        assertThat(imgsh.ok("image", "refresh", "mine")).isEqualTo("Image refreshed successfully!\n");
        assertThat(imgsh.ok("image", "list", "-c", "lf", "-f", "csv"))
                .isEqualTo("mine," + v2.squashfs().substring(0, 12) + "\n");

        StreamsTree.Version v3 = tree.version(product, "20260401_0300", true, false);
        tree.publish();
        assertThat(imgsh.ok("policy", "run", "--force")).isEqualTo("Updated image "
                + v2.squashfs().substring(0, 12) + " to " + v3.squashfs().substring(0, 12) + "\n");
        assertThat(imgsh.ok("policy", "run")).isEmpty();

        ImgshRunner.Result noSource = imgsh.run("image", "copy", "ss:" + v1.rootxz(), "local:");
        assertThat(noSource.status()).isZero();
        assertThat(imgsh.run("image", "refresh", v1.rootxz().substring(0, 12)).err()).isEqualTo(
                "Error: Failed to update image \"" + v1.rootxz() + "\" in project \"default\": Image source not found\n");
    }

    @Test
    void copyErrorsAreOneLine() {
        server.put(v1.squashfsPath(), new byte[] {1, 2, 3});
        ImgshRunner.Result r = imgsh.run("image", "copy", "ss:p/1", "local:");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error: Download of https://127.0.0.1:").hasLineCount(1);
        assertThat(imgsh.ok("image", "list", "-f", "csv")).isEmpty();
        assertThat(imgsh.run("image", "copy", "ss:nope", "local:").err()).isEqualTo("Error: Image not found\n");
        assertThat(imgsh.run("image", "copy", "ss:p/1", "ss:").err())
                .isEqualTo("Error: The remote \"ss\" is a simplestreams server, which is read-only\n");
        assertThat(imgsh.run("image", "delete", "ss:p/1").err())
                .isEqualTo("Error: The remote \"ss\" is a simplestreams server, which is read-only\n");
        ImgshRunner.Result push = imgsh.run("image", "copy", "ss:p/1", "local:", "--auto-update", "--mode", "push");
        assertThat(push.status()).isEqualTo(1);
        assertThat(push.err()).isEqualTo("Error: Auto update is only available in pull mode\n");
        assertThat(imgsh.ok("image", "list", "-f", "csv")).isEmpty();
    }
}
