package io.imgsh.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.lxd.LxdPeer;
import java.nio.file.Files;
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
        assertThat(Files.readString(fx.home.resolve("instances/c1/rootfs/etc/hostname"))).isEqualTo("c1\n");

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
}
