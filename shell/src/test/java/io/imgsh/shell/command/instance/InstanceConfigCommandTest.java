package io.imgsh.shell.command.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.engine.instance.HostTar;
import io.imgsh.engine.instance.Root;
import io.imgsh.shell.CliTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code config get|set|unset|show} of an instance, beside the same verbs of the store's config. */
class InstanceConfigCommandTest extends CliTest {
    @Test
    void anInstancesKeysBesideTheStores() throws Exception {
        init("-c", "user.a=1");

        assertThat(assertOk(imgsh.run("config", "set", "c1", "user.b=2", "raw.lxc=lxc.init.cmd = /bin/sh"))).isEmpty();
        assertThat(assertOk(imgsh.run("config", "set", "c1", "user.c", "two words"))).isEmpty();
        assertThat(assertOk(imgsh.run("config", "set", "images.remote_cache_expiry", "3"))).isEmpty();
        assertThat(assertOk(imgsh.run("config", "get", "c1", "user.c"))).isEqualTo("two words\n");
        assertThat(assertOk(imgsh.run("config", "get", "c1", "user.unset"))).isEqualTo("\n");
        assertThat(assertOk(imgsh.run("config", "get", "images.remote_cache_expiry"))).isEqualTo("3\n");
        assertThat(assertOk(imgsh.run("config", "unset", "c1", "user.b"))).isEmpty();
        assertThat(assertOk(imgsh.run("config", "get", "c1", "user.b"))).isEqualTo("\n");
        String fingerprint = assertOk(imgsh.run("config", "get", "c1", "volatile.base_image")).strip();
        assertThat(assertOk(imgsh.run("config", "show", "c1"))).isEqualTo("""
                architecture: x86_64
                config:
                  image.description: busybox test image
                  image.os: busybox
                  raw.lxc: lxc.init.cmd = /bin/sh
                  user.a: "1"
                  user.c: two words
                  volatile.apply_template: create
                  volatile.base_image: %s
                devices: {}
                ephemeral: false
                profiles: []
                stateful: false
                description: ""
                """.formatted(fingerprint));
        assertThat(imgsh.home().resolve("instances/c1/config")).content().endsWith("lxc.init.cmd = /bin/sh\n");
    }

    @Test
    void badArgumentsAreOneLineAndChangeNothing() throws Exception {
        init();
        String record = Files.readString(imgsh.home().resolve("instances/c1/instance.json"));
        assertStoreUnchanged(() -> {
            assertError(imgsh.run("config", "set", "c1", "limits.cpu=1"), 1,
                    "Error: Invalid config: Unknown configuration key: limits.cpu");
            assertError(imgsh.run("config", "set", "c1", "security.privileged=yes"), 1, "Error: Invalid config:"
                    + " Invalid value for security.privileged: Invalid value for a boolean \"yes\"");
            assertError(imgsh.run("config", "set", "c1", "user.x"), 2,
                    "Error: Invalid key=value configuration: user.x");
            assertError(imgsh.run("config", "set", "c1", "user.x=1", "=2"), 2,
                    "Error: Invalid key=value configuration: =2");
            assertError(imgsh.run("config", "unset", "c1", "user.nope"), 1,
                    "Error: Can't unset key 'user.nope', it's not currently set");
            assertError(imgsh.run("config", "set", "nosuch", "user.a=1"), 1, "Error: Instance not found");
            assertError(imgsh.run("config", "show", "nosuch"), 1, "Error: Instance not found");
            assertError(imgsh.run("config", "get", "images.remote_cache_expiry", "extra"), 2,
                    "Error: Unexpected argument \"extra\"");
            assertError(imgsh.run("config", "set", "images.remote_cache_expiry", "1", "2"), 2,
                    "Error: Unexpected argument \"2\"");
        });
        assertThat(imgsh.home().resolve("instances/c1/instance.json")).hasContent(record);
    }

    /** A stopped busybox instance c1, made with {@code options}. */
    private void init(String... options) throws Exception {
        Root.require();
        Path image = Files.write(tmp.resolve("busybox.tar.gz"),
                HostTar.busyboxImage(HostTar.BUSYBOX_METADATA, "hostname.tpl", "{{ instance.name }}\n")
                        .build(Compression.GZIP));
        imgsh.importImage(image.toString(), "--alias", "bb");
        String[] args = new String[options.length + 3];
        args[0] = "init";
        args[1] = "bb";
        args[2] = "c1";
        System.arraycopy(options, 0, args, 3, options.length);
        imgsh.ok(args);
    }
}
