package io.imgsh.shell.command.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.engine.instance.HostTar;
import io.imgsh.engine.instance.Root;
import io.imgsh.engine.remote.lxd.LxdPeer;
import io.imgsh.shell.CliTest;
import io.imgsh.shell.ImgshRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The instance commands on a real busybox container, and the published image imported by the real LXD peer with
 * the same fingerprint.
 */
class InstanceCommandsTest extends CliTest {
    @AfterEach
    void deleteLeftovers() {
        for (String name : new String[] {"c1", "c2"}) {
            if (imgsh != null && Files.exists(imgsh.home().resolve("instances/" + name))) {
                imgsh.run("delete", "--force", name);
            }
        }
    }

    @Test
    void launchExecListPublishDelete() throws Exception {
        Root.requireLxc();
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        Path image = Files.write(tmp.resolve("busybox.tar.gz"),
                HostTar.busyboxImage(HostTar.BUSYBOX_METADATA, "hostname.tpl", "{{ instance.name }}\n")
                        .build(Compression.GZIP));
        imgsh.importImage(image.toString(), "--alias", "bb");

        assertThat(assertOk(imgsh.run("launch", "bb", "c1", "-c", "user.purpose=test")))
                .isEqualTo("Creating c1\nStarting c1\n");
        ImgshRunner.Result exec = imgsh.runWithStdin("piped\n", "exec", "c1", "--", "sh", "-c", "cat; exit 3");
        assertThat(exec.status()).isEqualTo(3);
        assertThat(exec.out()).isEqualTo("piped\n");
        assertThat(assertOk(imgsh.runWithStdin("pushed\n", "file", "push", "-", "c1/root/pushed", "--mode", "0600")))
                .isEmpty();
        assertThat(imgsh.run("exec", "c1", "--", "sh", "-c", "cat /root/pushed; stat -c %a /root/pushed").out())
                .isEqualTo("pushed\n600\n");
        assertThat(assertOk(imgsh.run("snapshot", "c1"))).isEmpty();
        assertThat(assertOk(imgsh.run("list", "--format", "csv"))).isEqualTo("c1,RUNNING,CONTAINER,1\n");
        assertThat(assertOk(imgsh.run("info", "c1"))).contains("Status: RUNNING\n").endsWith("Snapshots:\n  snap0\n");
        assertThat(assertOk(imgsh.run("restart", "--force", "c1"))).isEmpty();
        assertThat(imgsh.run("exec", "c1", "--", "busybox", "rm", "/root/pushed").status()).isZero();
        assertError(imgsh.run("publish", "c1", "--alias", "pub"), 1, "Error: The instance is currently running."
                + " Use --force to publish it anyway (it is frozen meanwhile)");
        assertError(imgsh.run("launch", "bb", "c1"), 1, "Error: Instance \"c1\" already exists");

        assertThat(assertOk(imgsh.run("stop", "--force", "c1"))).isEmpty();
        String published = assertOk(imgsh.run("publish", "c1", "local:", "--alias", "pub", "--compression", "gzip",
                "purpose=demo"));
        assertThat(published).startsWith("Instance published with fingerprint: ");
        String fingerprint = published.strip().substring(published.strip().lastIndexOf(' ') + 1);
        assertThat(imgsh.ok("image", "get-property", "pub", "purpose")).isEqualTo("demo\n");

        assertThat(assertOk(imgsh.run("copy", "c1/snap0", "c2"))).isEmpty();
        // the copy templates wait for c2's first start
        assertThat(assertOk(imgsh.run("file", "pull", "c2/etc/hostname", "-"))).isEqualTo("c1\n");
        assertThat(assertOk(imgsh.run("config", "get", "c2", "volatile.apply_template"))).isEqualTo("copy\n");
        assertThat(assertOk(imgsh.run("restore", "c1", "snap0"))).isEmpty();
        imgsh.ok("file", "pull", "c1/root/pushed", tmp.toString());
        assertThat(tmp.resolve("pushed")).hasContent("pushed");
        assertThat(assertOk(imgsh.run("delete", "c1/snap0", "c2"))).isEmpty();
        assertThat(assertOk(imgsh.run("delete", "c1"))).isEmpty();
        assertThat(assertOk(imgsh.run("list", "--format", "csv"))).isEmpty();
        assertError(imgsh.run("exec", "c1", "--", "true"), 1, "Error: Instance not found");

        Path exported = tmp.resolve("exported");
        imgsh.ok("image", "export", "pub", exported.toString());
        LxdPeer.require();
        String imported = LxdPeer.lxc("image", "import", exported + ".tar.gz");
        try {
            assertThat(imported).contains(fingerprint);
            assertThat(LxdPeer.lxc("image", "get-property", fingerprint, "purpose")).isEqualTo("demo\n");
        } finally {
            LxdPeer.lxc("image", "delete", fingerprint);
        }
    }
}
