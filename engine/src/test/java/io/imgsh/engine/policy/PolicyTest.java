package io.imgsh.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.CopyService;
import io.imgsh.engine.remote.StreamsTree;
import io.imgsh.engine.remote.TestHttpsServer;
import io.imgsh.store.EventRecord;
import io.imgsh.store.Store;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refresh, auto-update and expiry driven by a fake clock against a loopback simplestreams server. */
class PolicyTest extends ImageFixtureTest {
    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();
    StreamsTree tree;
    ObjectNode product;
    Images ss;

    @BeforeEach
    void setUp() {
        tree = new StreamsTree(server);
        product = tree.product("p:1:amd64:default", "p", "1", "amd64", "p/1");
        tree.version(product, "20260101_0300", true, false);
        tree.publish();
        fx.engine.remotes().add("ss", server.base().toString(), "simplestreams", false, true, null);
        ss = fx.engine.images("ss");
    }

    private String copy(boolean autoUpdate, String... aliases) {
        return fx.engine.copies().copy(ss, "p/1", fx.images(),
                new CopyRequest(List.of(aliases), false, autoUpdate, false), Progress.NONE).fingerprint();
    }

    private StreamsTree.Version publishNewer(String serial) {
        StreamsTree.Version v = tree.version(product, serial, true, false);
        tree.publish();
        return v;
    }

    @Test
    void refreshMovesAliasesToTheNewImageAndRemovesTheOld() throws Exception {
        String old = copy(false, "mine", "other");
        assertThat(fx.engine.copies().refresh(fx.images(), old, Progress.NONE).refreshed()).isFalse();
        StreamsTree.Version v2 = publishNewer("20260301_0300");
        CopyService.RefreshResult r = fx.engine.copies().refresh(fx.images(), old, Progress.NONE);
        assertThat(r.refreshed()).isTrue();
        assertThat(r.fingerprint()).isEqualTo(v2.squashfs());
        Image now = fx.images().resolve("mine");
        assertThat(now.fingerprint()).isEqualTo(v2.squashfs());
        assertThat(now.aliases()).extracting(ImageAlias::name).containsExactly("mine", "other");
        assertThat(now.updateSource().alias()).isEqualTo("p/1");
        assertThat(fx.images().list()).hasSize(1);
        assertThat(Files.exists(fx.imagesDir().resolve(old))).isFalse();
        List<String> actions = events().stream().map(EventRecord::action).toList();
        assertThat(actions).contains("image-refreshed", "image-deleted", "image-alias-updated");
    }

    @Test
    void refreshWithoutSourceIsLxdsError() {
        String fp = fx.engine.copies().copy(ss, ss.resolve("p/1").fingerprint(), fx.images(),
                new CopyRequest(List.of(), false, false, false), Progress.NONE).fingerprint();
        assertThatThrownBy(() -> fx.engine.copies().refresh(fx.images(), fp, Progress.NONE)).hasMessage(
                "Failed to update image \"" + fp + "\" in project \"default\": Image source not found");
    }

    @Test
    void autoUpdateRunsWhenTheIntervalHasPassedAndKeepsCacheState() throws Exception {
        String old = copy(true, "auto");
        String pinned = copy(false, "manual"); // same image; the flag belongs to the row, so copy a second one
        assertThat(pinned).isEqualTo(old);
        assertThat(fx.engine.policy().run(false).updated()).isEmpty(); // first run: nothing newer
        StreamsTree.Version v2 = publishNewer("20260301_0300");
        fx.clock.advance(Duration.ofHours(5));
        assertThat(fx.engine.policy().run(false).updated()).as("interval (6 h) not reached").isEmpty();
        fx.clock.advance(Duration.ofHours(1));
        PolicyService.Report report = fx.engine.policy().run(false);
        assertThat(report.failures()).isEmpty();
        assertThat(report.updated()).extracting(CopyService.RefreshResult::fingerprint).containsExactly(v2.squashfs());
        Image now = fx.images().resolve("auto");
        assertThat(now.fingerprint()).isEqualTo(v2.squashfs());
        assertThat(now.autoUpdate()).isTrue();
        assertThat(fx.images().resolve("manual").fingerprint()).isEqualTo(v2.squashfs());

        fx.engine.config().set("images.auto_update_interval", "0");
        publishNewer("20260401_0300");
        fx.clock.advance(Duration.ofDays(2));
        assertThat(fx.engine.policy().run(false).updated()).as("0 disables").isEmpty();
        assertThat(fx.engine.policy().run(true).updated()).as("forced").hasSize(1);
    }

    @Test
    void oneAutoUpdateRunReadsEachSourceOnce() {
        ObjectNode other = tree.product("q:1:amd64:default", "q", "1", "amd64", "q/1");
        tree.version(other, "20260101_0300", true, false);
        tree.publish();
        copy(true, "p");
        fx.engine.copies().copy(fx.engine.images("ss"), "q/1", fx.images(),
                new CopyRequest(List.of("q"), false, true, false), Progress.NONE);
        StreamsTree.Version p2 = publishNewer("20260301_0300");
        StreamsTree.Version q2 = tree.version(other, "20260301_0300", true, false);
        tree.publish();
        int before = server.requests().size();
        PolicyService.Report report = fx.engine.policy().run(true);
        assertThat(report.failures()).isEmpty();
        assertThat(report.updated()).extracting(CopyService.RefreshResult::fingerprint)
                .containsExactlyInAnyOrder(p2.squashfs(), q2.squashfs());
        List<String> run = server.requests().subList(before, server.requests().size());
        assertThat(run).filteredOn(r -> r.endsWith("index.json")).hasSize(1);
    }

    @Test
    void expiredCachedImagesArePrunedCountingFromLastUse() throws Exception {
        String fp = copy(false, "cached");
        try (Store store = Store.open(fx.home)) {
            // mark it as cached the way instance creation will (not a command of this issue)
            store.write(tx -> {
                var r = tx.images().get(fp).orElseThrow();
                tx.images().delete(fp);
                tx.images().insert(new io.imgsh.store.ImageRecord(r.fingerprint(), r.filename(), r.size(), r.split(),
                        r.type(), r.architecture(), r.isPublic(), r.autoUpdate(), true, r.createdAt(), r.expiresAt(),
                        r.uploadedAt(), fx.clock.instant().plus(Duration.ofDays(3)), r.properties(), r.profiles(),
                        List.of(), r.updateSource()));
                tx.aliases().create("cached", fp, "");
                return null;
            });
        }
        fx.clock.advance(Duration.ofDays(12));
        assertThat(fx.engine.policy().pruneExpired()).as("last used 9 days ago").isEmpty();
        fx.clock.advance(Duration.ofDays(2));
        assertThat(fx.engine.policy().pruneExpired()).containsExactly(fp);
        assertThat(fx.images().list()).isEmpty();
        assertThat(events().stream().map(EventRecord::action).toList()).contains("image-deleted",
                "image-alias-deleted");
    }

    private List<EventRecord> events() {
        try (Store store = Store.open(fx.home)) {
            return store.read(tx -> tx.events().since(0));
        }
    }
}
