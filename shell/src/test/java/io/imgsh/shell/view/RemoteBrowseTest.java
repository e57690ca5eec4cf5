package io.imgsh.shell.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.Engine;
import io.imgsh.engine.remote.lxd.LxdPeer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code image browse peer:} on a remote added as public: the real LXD 5.0.2 peer's images, which stay unchanged. */
class RemoteBrowseTest {
    @TempDir
    Path dir;
    LxdPeer peer;
    Engine engine;
    ViewTester tester;

    @BeforeEach
    void setUp() {
        peer = LxdPeer.require();
        engine = Engine.open(dir.resolve("home"), Clock.systemUTC());
        engine.remotes().add("peer", LxdPeer.URL, null, true, true, null);
    }

    @AfterEach
    void tearDown() {
        if (tester != null) {
            tester.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (peer != null) {
            peer.cleanUp();
        }
    }

    @Test
    void showsTheServersImagesAndRefusesChangesThere() throws Exception {
        String alias = LxdPeer.unique("browse");
        String fingerprint = peer.importImage(alias, true, LxdPeer.unifiedImage(dir, LxdPeer.unique("browse")));
        tester = new ViewTester(140, 9);
        BrowseView view = new BrowseView(tester.screen, engine.images("peer"), () -> 0, List.of(alias),
                null).open();
        tester.draw();
        assertThat(view.model().shown()).extracting(BrowseModel.Row::fingerprint).containsExactly(fingerprint);
        assertThat(tester.screen()).contains(alias).contains(fingerprint.substring(0, 12));

        tester.type("d");
        assertThat(tester.row(8)).isEqualTo("Read-only: The remote isn't a private LXD server");
        tester.type("y");
        tester.type("a");
        assertThat(tester.row(8)).isEqualTo("Read-only: The remote isn't a private LXD server");
        assertThat(peer.hasImage(fingerprint)).isTrue();
        assertThat(LxdPeer.lxc("image", "alias", "list", "-f", "csv")).contains(alias + ",");

        tester.type("e");
        assertThat(tester.row(0)).startsWith(" View image " + fingerprint.substring(0, 12)).endsWith(" on peer");
    }
}
