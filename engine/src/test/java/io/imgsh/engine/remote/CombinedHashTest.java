package io.imgsh.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.Progress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A simplestreams item whose files each match their published sha256 but together do not hash to the combined
 * hash the image is known by (its fingerprint): the copy is refused and stores nothing. (A file that does not match
 * its own sha256 is {@link SimpleStreamsTest}'s.)
 */
class CombinedHashTest extends ImageFixtureTest {
    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();

    @Test
    void filesThatDoNotHashToTheCombinedHashAreRefused() {
        StreamsTree tree = new StreamsTree(server);
        ObjectNode product = tree.product("imgshtest:1.0:amd64:default", "imgshtest", "1.0", "amd64",
                "imgshtest/1.0");
        StreamsTree.Version version = tree.version(product, "20260201_0300", true, false);
        String announced = ImageFixture.sha256("not these files".getBytes(StandardCharsets.UTF_8));
        ((ObjectNode) tree.items("imgshtest:1.0:amd64:default", "20260201_0300").path("lxd.tar.xz"))
                .put("combined_squashfs_sha256", announced);
        tree.publish();
        fx.engine.remotes().add("ss", server.base().toString(), "simplestreams", false, true, null);

        assertThatThrownBy(() -> fx.engine.copies().copy(fx.engine.images("ss"), "imgshtest/1.0", fx.images(),
                new CopyRequest(List.of("mine"), false, false, false), Progress.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessage("Image fingerprint mismatch: the server announced " + announced
                        + " but the files hash to " + version.squashfs());
        assertThat(server.requests()).contains("GET " + version.metaPath(), "GET " + version.squashfsPath());
        assertThat(fx.images().list()).isEmpty();
        assertThat(fx.images().aliases(List.of())).isEmpty();
        assertThat(fx.tmpDir().toFile().list()).isEmpty();
        assertThat(fx.imagesDir().toFile().list()).isEmpty();
    }
}
