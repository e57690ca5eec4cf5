package io.imgsh.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.remote.Tls;
import io.imgsh.engine.remote.TlsIdentity;
import io.imgsh.engine.remote.lxd.LxdPeer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An instance made from a public image of the real LXD 5.0.2 peer: cached once; an alias is resolved on the peer each
 * time, a fingerprint found in the store is used without asking it.
 */
class LxdPeerLaunchTest extends ImageFixtureTest {
    LxdPeer peer;

    @AfterEach
    void forgetPeerImages() {
        if (peer != null) {
            peer.cleanUp();
        }
    }

    @Test
    void anAliasOfTheLxdPeerIsCachedOnceAndResolvedThereEachTime() throws Exception {
        Root.require();
        peer = LxdPeer.require();
        String alias = LxdPeer.unique("launch");
        String fingerprint = peer.importImage(alias, true, LxdPeer.unifiedImage(Files.createDirectory(
                tmp.resolve("peer")), alias));
        fx.engine.remotes().useConfigDir(tmp.resolve("config"));
        fx.engine.remotes().add("peer", LxdPeer.URL, null, true, true, null);
        Instances instances = fx.engine.instances();

        Created first = instances.create(new LaunchRequest(new ImageRef("peer", alias), "c1", Map.of(), false),
                Progress.NONE);
        assertThat(first.downloaded()).isPositive();
        Image cached = fx.images().get(fingerprint);
        assertThat(cached.cached()).isTrue();
        assertThat(cached.updateSource().server()).isEqualTo(LxdPeer.URL);
        assertThat(cached.updateSource().alias()).isEqualTo(alias);
        // the image's own file until the first start applies the create templates
        assertThat(Files.readString(fx.home.resolve("instances/c1/rootfs/etc/hostname"))).isEqualTo(alias + "\n");
        assertThat(first.instance().config()).containsEntry("volatile.apply_template", "create");

        Created second = instances.create(new LaunchRequest(new ImageRef("peer", alias), "c2", Map.of(), false),
                Progress.NONE);
        assertThat(second.downloaded()).isZero();
        // by fingerprint the store's copy is used without asking the peer, which no longer has the image
        LxdPeer.lxc("image", "delete", fingerprint);
        Created third = instances.create(new LaunchRequest(new ImageRef("peer", fingerprint.substring(0, 12)), "c3",
                Map.of(), false), Progress.NONE);
        assertThat(third.downloaded()).isZero();
        assertThat(third.instance().baseImage()).isEqualTo(fingerprint);
    }

    @Test
    void publishToATrustedLxdRemoteUploadsTheImageThereOnly() throws Exception {
        Root.require();
        io.imgsh.store.E2e.requireTools("lxc-info");
        peer = LxdPeer.require();
        fx.engine.remotes().useConfigDir(tmp.resolve("config"));
        fx.engine.remotes().add("peert", LxdPeer.URL, null, false, true, LxdPeer.PASSWORD);
        peer.untrustLater(Tls.fingerprint(TlsIdentity.load(tmp.resolve("config"), TlsIdentity.Role.CLIENT)
                .certificatePem()));
        fx.importFile(fx.file("t.tar", new HostTar().file("metadata.yaml", 0644, 0, HostTar.BUSYBOX_METADATA)
                .dir("templates/", 0755).file("templates/hostname.tpl", 0644, 0, "{{ container.name }}\n")
                .dir("rootfs/", 0755).dir("rootfs/etc/", 0755).build(Compression.NONE)), "t");
        Instances instances = fx.engine.instances();
        instances.create(new LaunchRequest(new ImageRef("local", "t"), "c1", Map.of(), false), Progress.NONE);
        String alias = LxdPeer.unique("published");
        String fingerprint = instances.publish(new PublishRequest("c1", "peert", List.of(alias), false, "xz", false,
                Map.of("made.by", "imgsh")), Progress.NONE);
        peer.forget(fingerprint);
        assertThat(LxdPeer.lxc("image", "list", "--format", "csv", "-c", "lF", alias))
                .isEqualTo(alias + "," + fingerprint + "\n");
        assertThat(LxdPeer.lxc("image", "get-property", fingerprint, "made.by")).isEqualTo("imgsh\n");
        assertThat(fx.images().exists(fingerprint)).isFalse();
    }
}
