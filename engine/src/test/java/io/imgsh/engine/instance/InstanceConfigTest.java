package io.imgsh.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Progress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code config set|unset} on a stopped instance: LXC's config written again, the rootfs's ids moved. */
class InstanceConfigTest extends ImageFixtureTest {
    Instances instances;
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        Root.requireLxc();
        instances = fx.engine.instances();
        fx.importFile(fx.file("t.tar", new HostTar().file("metadata.yaml", 0644, 0, HostTar.BUSYBOX_METADATA)
                .dir("templates/", 0755).file("templates/hostname.tpl", 0644, 0, "{{ container.name }}\n")
                .dir("rootfs/", 0755).dir("rootfs/bin/", 0755).file("rootfs/bin/su", 04755, 0, "su")
                .file("rootfs/bin/mine", 0644, 1000, "mine").symlink("rootfs/bin/sh", "su")
                .build(Compression.NONE)), "t");
        instances.create(new LaunchRequest(new ImageRef("local", "t"), "c1", Map.of("user.a", "1"), false),
                Progress.NONE);
        dir = fx.home.resolve("instances/c1");
    }

    @Test
    void setAndUnsetKeepLxcsConfigInStep() throws Exception {
        Instance set = instances.setConfig("c1", Map.of("user.b", "2", "raw.lxc", "lxc.init.cmd = /bin/sh"));
        assertThat(set.config()).containsEntry("user.a", "1").containsEntry("user.b", "2");
        assertThat(instances.get("c1").config()).containsEntry("raw.lxc", "lxc.init.cmd = /bin/sh");
        assertThat(Files.readString(dir.resolve("config"))).endsWith("lxc.init.cmd = /bin/sh\n");

        instances.unsetConfig("c1", "raw.lxc");
        assertThat(instances.get("c1").config()).doesNotContainKey("raw.lxc").containsEntry("user.b", "2");
        assertThat(Files.readString(dir.resolve("config"))).doesNotContain("lxc.init.cmd");
    }

    @Test
    void badKeysAndValuesChangeNothing() throws Exception {
        String record = Files.readString(dir.resolve("instance.json"));
        String lxcConfig = Files.readString(dir.resolve("config"));
        assertThatThrownBy(() -> instances.setConfig("c1", Map.of("limits.cpu", "1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid config: Unknown configuration key: limits.cpu");
        assertThatThrownBy(() -> instances.setConfig("c1", Map.of("user.ok", "1", "security.privileged", "yes")))
                .hasMessage("Invalid config: Invalid value for security.privileged: Invalid value for a boolean"
                        + " \"yes\"");
        assertThatThrownBy(() -> instances.setConfig("c1", Map.of())).hasMessage("Missing key=value to set");
        assertThatThrownBy(() -> instances.unsetConfig("c1", "user.nope"))
                .hasMessage("Can't unset key 'user.nope', it's not currently set");
        assertThatThrownBy(() -> instances.unsetConfig("c1", "volatile.base_image"))
                .hasMessage("Invalid config: Unknown configuration key: volatile.base_image");
        assertThatThrownBy(() -> instances.setConfig("c9", Map.of("user.a", "1")))
                .isInstanceOf(NotFoundException.class).hasMessage("Instance not found");
        // a path is no instance name, even where an instance.json lies
        assertThatThrownBy(() -> instances.setConfig(dir.toString(), Map.of("user.a", "2")))
                .isInstanceOf(NotFoundException.class).hasMessage("Instance not found");
        assertThat(dir.resolve("instance.json")).hasContent(record);
        assertThat(dir.resolve("config")).hasContent(lxcConfig);
    }

    @Test
    void privilegedMovesTheRootfsIdsBothWaysAndSnapshotsKeepTheirOwn() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        instances.snapshot("c1", "unprivileged");
        instances.setConfig("c1", Map.of("security.privileged", "true"));
        assertThat(owner(rootfs.resolve("bin/su"))).isEqualTo(0);
        assertThat(owner(rootfs.resolve("bin/mine"))).isEqualTo(1000);
        assertThat(owner(rootfs.resolve("bin/sh"))).isEqualTo(0);
        assertThat(owner(rootfs)).isEqualTo(0);
        assertThat((Integer) Files.getAttribute(rootfs.resolve("bin/su"), "unix:mode") & 07777).isEqualTo(04755);
        assertThat(Files.readString(dir.resolve("config"))).doesNotContain("lxc.idmap");

        instances.restore("c1", "unprivileged");
        assertThat(owner(rootfs.resolve("bin/mine"))).isEqualTo(1000);
        // a copy and an image of the snapshot take its own config and shift
        instances.copy("c1/unprivileged", "c2");
        assertThat(instances.get("c2").privileged()).isFalse();
        assertThat(owner(fx.home.resolve("instances/c2/rootfs/bin/mine"))).isEqualTo(1_001_000);
        instances.publish(new PublishRequest("c1/unprivileged", "local", List.of("snap"), false, "none", false,
                Map.of()), Progress.NONE);
        instances.create(new LaunchRequest(new ImageRef("local", "snap"), "p1",
                Map.of("security.privileged", "true"), false), Progress.NONE);
        assertThat(owner(fx.home.resolve("instances/p1/rootfs/bin/mine"))).isEqualTo(1000);

        instances.unsetConfig("c1", "security.privileged");
        assertThat(owner(rootfs.resolve("bin/su"))).isEqualTo(1_000_000);
        assertThat(owner(rootfs.resolve("bin/mine"))).isEqualTo(1_001_000);
        assertThat(Files.readString(dir.resolve("config"))).contains("lxc.idmap = u 0 1000000 65536");
    }

    private static int owner(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }
}
