package io.imgsh.engine.remote.lxd;

import io.imgsh.engine.Engine;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every test against the real LXD 5.0.2 peer starts from: the peer (skipped when it is not running, failed
 * under {@code IMGSH_REQUIRE_E2E=1}) and an engine on a store and a client configuration of the test's own; the
 * peer forgets what the test gave it afterwards.
 */
abstract class PeerEngineTest {
    @TempDir
    Path dir;
    LxdPeer peer;
    Engine engine;

    @BeforeEach
    void openPeerAndEngine() {
        peer = LxdPeer.require();
        engine = Engine.open(dir.resolve("home"), Clock.systemUTC());
        engine.remotes().useConfigDir(dir.resolve("config"));
    }

    @AfterEach
    void closePeerAndEngine() {
        if (engine != null) {
            engine.close();
        }
        if (peer != null) {
            peer.cleanUp();
        }
    }
}
