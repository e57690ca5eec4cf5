package io.imgsh.engine.remote.lxd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imgsh.engine.event.EventType;
import io.imgsh.engine.remote.Tls;
import io.imgsh.engine.remote.TlsIdentity;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine's event client on the real LXD 5.0.2 peer's {@code /1.0/events}, as a trusted remote. */
class LxdEventsE2eTest extends PeerEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void lifecycleEventsOfTheRealDaemonArrive() throws Exception {
        String image = peer.importImage(LxdPeer.unique("events-img"), false, LxdPeer.unifiedImage(dir, "events"));
        engine.remotes().add("peert", LxdPeer.URL, null, false, true, LxdPeer.PASSWORD);
        peer.untrustLater(Tls.fingerprint(
                TlsIdentity.load(dir.resolve("config"), TlsIdentity.Role.CLIENT).certificatePem()));
        String alias = LxdPeer.unique("events-alias");
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        try (LxdEvents events = engine.remotes().events("peert", Set.of(EventType.LIFECYCLE), frames::add)) {
            LxdPeer.lxc("image", "alias", "create", alias, image);
            // others use the peer too: skip their events
            JsonNode ours;
            do {
                String frame = frames.poll(60, TimeUnit.SECONDS);
                assertThat(frame).as("an event from the peer").isNotNull();
                ours = JSON.readTree(frame);
            } while (!ours.path("metadata").path("source").asText().equals("/1.0/images/aliases/" + alias));
            assertThat(ours.path("type").asText()).isEqualTo("lifecycle");
            assertThat(ours.path("metadata").path("action").asText()).isEqualTo("image-alias-created");
            assertThat(ours.path("metadata").path("context").path("target").asText()).isEqualTo(image);
        }
    }
}
