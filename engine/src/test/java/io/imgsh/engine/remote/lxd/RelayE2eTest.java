package io.imgsh.engine.remote.lxd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.StreamsTree;
import io.imgsh.engine.remote.TestHttpsServer;
import io.imgsh.engine.remote.TlsIdentity;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A relay copy from a simplestreams server into the real LXD peer: this client downloads the image (checking every
 * hash), uploads it as {@code lxc} does, creates the alias, and keeps no local copy.
 */
class RelayE2eTest extends PeerEngineTest {
    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();

    @Test
    void relaysASimplestreamsImageIntoLxdWithoutKeepingALocalCopy() throws Exception {
        StreamsTree tree = new StreamsTree(server);
        String serial = "20260301_" + String.format("%04d", (int) (System.nanoTime() % 10_000));
        ObjectNode product = tree.product("relaytest:1.0:amd64:default", "relaytest", "1.0", "amd64", "relaytest/1.0");
        StreamsTree.Version version = tree.version(product, serial, false, true);
        tree.publish();
        String fingerprint = version.rootxz();
        peer.forget(fingerprint);

        engine.remotes().add("ss", server.base().toString(), "simplestreams", false, true, null);
        engine.remotes().add("peert", LxdPeer.URL, null, false, true, LxdPeer.PASSWORD, () -> { }, null);
        peer.untrustLater(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(TlsIdentity.load(dir.resolve("config"), TlsIdentity.Role.CLIENT).certificate().getEncoded())));
        String alias = LxdPeer.unique("relayed");

        engine.copies().copy(engine.images("ss"), "relaytest/1.0", ((LxdImages) engine.images("peert")),
                new CopyRequest(List.of(alias), false, false, false), Progress.NONE);

        assertThat(peer.hasImage(fingerprint)).as("LXD computed the same fingerprint from the upload").isTrue();
        assertThat(LxdPeer.lxc("image", "alias", "list", "--format", "csv")).contains(alias + ","
                + fingerprint.substring(0, 12));
        assertThat(engine.images().list()).as("the relay keeps no local copy").isEmpty();
        assertThat(dir.resolve("home/tmp").toFile().list()).isEmpty();
    }
}
