package io.imgsh.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.StreamsTree;
import io.imgsh.engine.remote.TestHttpsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Instances made from a remote's image (a loopback simplestreams server, split image): the image is cached once,
 * re-used, marked used, and kept by the caching policy while an instance was made from it.
 */
class ImageCacheTest extends ImageFixtureTest {
    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();
    StreamsTree tree;
    ObjectNode product;
    StreamsTree.Version version;

    @BeforeEach
    void setUp() {
        Root.require();
        tree = new StreamsTree(server);
        product = tree.product("p:1:amd64:default", "p", "1", "amd64", "p/1");
        version = tree.version(product, "20260101_0300", false, true);
        tree.publish();
        fx.engine.remotes().add("ss", server.base().toString(), "simplestreams", false, true, null);
    }

    @Test
    void aRemoteImageIsCachedOnceUsedAndKeptWhileAnInstanceUsesIt() throws Exception {
        Instances instances = fx.engine.instances();
        Created first = instances.create(request("c1"), Progress.NONE);
        assertThat(first.downloaded()).isPositive();
        Image cached = fx.images().get(version.rootxz());
        assertThat(cached.cached()).isTrue();
        assertThat(cached.autoUpdate()).isTrue();
        assertThat(cached.updateSource().alias()).isEqualTo("p/1");
        assertThat(cached.lastUsedAt()).isEqualTo(fx.clock.instant());
        assertThat(first.instance().baseImage()).isEqualTo(version.rootxz());
        Path serial = fx.home.resolve("instances/c1/rootfs/etc/serial");
        assertThat(Files.readString(serial)).startsWith("20260101_0300");
        assertThat(Files.getAttribute(serial, "unix:uid")).isEqualTo(1_000_000);

        // the image files are gone from the server: a second download would fail
        server.put(version.metaPath(), new byte[0]).put(version.rootxzPath(), new byte[0]);
        fx.clock.advance(Duration.ofDays(5));
        Created second = instances.create(request("c2"), Progress.NONE);
        assertThat(second.downloaded()).isZero();
        assertThat(fx.images().get(version.rootxz()).lastUsedAt()).isEqualTo(fx.clock.instant());

        fx.clock.advance(Duration.ofDays(30));
        assertThat(fx.engine.policy().pruneExpired()).isEmpty();
        instances.delete("c1", false);
        instances.delete("c2", false);
        assertThat(fx.engine.policy().pruneExpired()).containsExactly(version.rootxz());
        assertThat(fx.home.resolve("instances/c1")).doesNotExist();
    }

    @Test
    void withAutoUpdateCachedFalseTheCachedImageIsNotKeptUpToDate() {
        fx.engine.config().set("images.auto_update_cached", "false");
        fx.engine.instances().create(request("c1"), Progress.NONE);
        assertThat(fx.images().get(version.rootxz()).autoUpdate()).isFalse();
    }

    @Test
    void whileAutoUpdateRunsAnAliasGivesTheImageKeptUpToDateFromItNotTheRemotesNewerOne() {
        Instances instances = fx.engine.instances();
        instances.create(request("c1"), Progress.NONE);
        StreamsTree.Version newer = tree.version(product, "20260201_0300", false, true);
        tree.publish();

        Created second = instances.create(request("c2"), Progress.NONE);
        assertThat(second.downloaded()).isZero();
        assertThat(second.instance().baseImage()).isEqualTo(version.rootxz());
        assertThat(fx.images().get(version.rootxz()).lastUsedAt()).isEqualTo(fx.clock.instant());

        fx.engine.config().set("images.auto_update_interval", "0");
        Created third = instances.create(request("c3"), Progress.NONE);
        assertThat(third.downloaded()).isPositive();
        assertThat(third.instance().baseImage()).isEqualTo(newer.rootxz());
    }

    @Test
    void aCachedImageNotKeptUpToDateIsNotPreferredToTheRemotesNewerOne() {
        fx.engine.config().set("images.auto_update_cached", "false");
        Instances instances = fx.engine.instances();
        instances.create(request("c1"), Progress.NONE);
        StreamsTree.Version newer = tree.version(product, "20260201_0300", false, true);
        tree.publish();

        assertThat(instances.create(request("c2"), Progress.NONE).instance().baseImage()).isEqualTo(newer.rootxz());
    }

    private static LaunchRequest request(String name) {
        return new LaunchRequest(new ImageRef("ss", "p/1"), name, Map.of(), false);
    }
}
