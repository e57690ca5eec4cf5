package io.imgsh.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.PullSettings;
import io.imgsh.engine.mirror.MirrorReport;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.CopyService;
import io.imgsh.engine.remote.StreamsTree;
import io.imgsh.engine.remote.TestHttpsServer;
import io.imgsh.engine.server.ApiServer;
import io.imgsh.engine.verify.Finding;
import io.imgsh.engine.verify.VerifyReport;
import io.imgsh.store.EventRecord;
import io.imgsh.store.Store;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
        assertThat(fx.images().get(old).autoUpdate()).isFalse();
        assertThat(fx.engine.copies().refresh(fx.images(), old, Progress.NONE).refreshed()).isFalse();
        StreamsTree.Version v2 = publishNewer("20260301_0300");
        CopyService.RefreshResult r = fx.engine.copies().refresh(fx.images(), old, Progress.NONE);
        assertThat(r.refreshed()).isTrue();
        assertThat(r.fingerprint()).isEqualTo(v2.squashfs());
        Image now = fx.images().resolve("mine");
        assertThat(now.fingerprint()).isEqualTo(v2.squashfs());
        assertThat(now.aliases()).extracting(ImageAlias::name).containsExactly("mine", "other");
        assertThat(now.updateSource().alias()).isEqualTo("p/1");
        assertThat(now.autoUpdate()).as("LXD's refresh turns auto_update on").isTrue();
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
        String fp = cachedImage();
        fx.clock.advance(Duration.ofDays(12));
        assertThat(fx.engine.policy().pruneExpired()).as("last used 9 days ago").isEmpty();
        fx.clock.advance(Duration.ofDays(2));
        assertThat(fx.engine.policy().pruneExpired()).containsExactly(fp);
        assertThat(fx.images().list()).isEmpty();
        assertThat(events().stream().map(EventRecord::action).toList()).contains("image-deleted",
                "image-alias-deleted");
    }

    @Test
    void anExplicitCopyOfACachedImageMakesItANormalImageThatDoesNotExpire() {
        Image image = ss.resolve("p/1");
        // cached as 'launch' caches it
        fx.images().pull(ss, image, new PullSettings(false, true, true, fx.clock.instant(),
                ss.updateSource("p/1", image)), List.of(), Progress.NONE);
        long before = fx.lastEventId();

        assertThat(copy(false, "keep")).isEqualTo(image.fingerprint());

        Image kept = fx.images().resolve("keep");
        assertThat(kept.cached()).isFalse();
        assertThat(kept.autoUpdate()).as("as LXD 5.0.2: a copy without flags leaves auto_update").isTrue();
        assertThat(kept.lastUsedAt()).as("as LXD: the copy is no use").isEqualTo(ImageFixture.START);
        assertThat(fx.eventLines(before)).anyMatch(line -> line.contains("image-updated"));
        fx.clock.advance(Duration.ofDays(11));
        assertThat(fx.engine.policy().pruneExpired()).isEmpty();
        assertThat(fx.images().resolve("keep").fingerprint()).isEqualTo(image.fingerprint());
    }

    @Test
    void theScheduleRunsThePolicyWhenDueLogsItAndStopsWhenClosed() throws Exception {
        String old = copy(true, "auto");
        BlockingQueue<PolicyService.Report> runs = new LinkedBlockingQueue<>();
        PolicySchedule schedule = PolicySchedule.start(fx.engine.policy(), fx.engine.verifier(),
                Duration.ofMillis(5), runs::add);
        try {
            PolicyService.Report first = nextRun(runs);
            assertThat(first.pruned()).isEmpty();
            assertThat(first.updated()).as("nothing newer yet").isEmpty();
            assertThat(PolicySchedule.summary(first)).isEqualTo("pruned 0 expired image(s), updated 0");

            // nothing is due until the clock says so, however often the schedule looks
            StreamsTree.Version v2 = publishNewer("20260301_0300");
            assertThat(fx.images().resolve("auto").fingerprint()).isEqualTo(old);
            fx.clock.advance(Duration.ofHours(6));
            PolicyService.Report second = nextRun(runs);
            assertThat(second.updated()).extracting(CopyService.RefreshResult::fingerprint)
                    .containsExactly(v2.squashfs());
            assertThat(fx.images().resolve("auto").fingerprint()).isEqualTo(v2.squashfs());
            assertThat(PolicySchedule.summary(second)).isEqualTo("pruned 0 expired image(s), updated 1 ["
                    + old.substring(0, 12) + " -> " + v2.squashfs().substring(0, 12) + "]");
        } finally {
            schedule.close();
        }
        assertThat(schedule.stopped()).isTrue();
        assertThat(runs).as("no run between the two due times").isEmpty();
    }

    @Test
    void theLogLinesNameMirrorsAndVerifications() {
        MirrorReport.Item item = new MirrorReport.Item("ab".repeat(32), "os/1/default/x86_64");
        MirrorReport mirrored = new MirrorReport("peer", List.of(item), List.of(), List.of(item, item), List.of(),
                List.of());
        assertThat(PolicySchedule.summary(new PolicyService.Report(List.of(), List.of(), List.of(mirrored),
                List.of()))).isEqualTo("pruned 0 expired image(s), updated 0, mirrored peer (1 added, 0 kept, 2"
                + " removed)");
        assertThat(PolicySchedule.summary(new VerifyReport(3, 1234, List.of()))).isEqualTo(
                "3 image(s), 1234 bytes hashed, no problems");
        assertThat(PolicySchedule.summary(new VerifyReport(3, 1234, List.of(new Finding(Finding.Kind.EXTRA, "x",
                "y", null, false))))).isEqualTo("3 image(s), 1234 bytes hashed, 1 finding(s) (run 'image verify"
                + " --repair' to repair them)");
    }

    @Test
    void imgshServeRunsThePolicyWhileItRuns() throws Exception {
        cachedImage();
        fx.clock.advance(Duration.ofDays(14));
        try (ApiServer server = fx.engine.serve(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < 30_000 && !fx.images().list().isEmpty(); i++) {
                Thread.sleep(10); // the first look is at start; this only waits for it (a hang guard, no time limit)
            }
            assertThat(fx.images().list()).as("the expired image, pruned by the server's schedule").isEmpty();
        }
    }

    /** An image copied from the stream and marked cached, last used 3 days from now, with the alias "cached". */
    private String cachedImage() {
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
        return fp;
    }

    private static PolicyService.Report nextRun(BlockingQueue<PolicyService.Report> runs)
            throws InterruptedException {
        PolicyService.Report report = runs.poll(5, TimeUnit.MINUTES); // a hang guard, not a time limit
        assertThat(report).as("a policy run").isNotNull();
        return report;
    }

    private List<EventRecord> events() {
        try (Store store = Store.open(fx.home)) {
            return store.read(tx -> tx.events().since(0));
        }
    }
}
