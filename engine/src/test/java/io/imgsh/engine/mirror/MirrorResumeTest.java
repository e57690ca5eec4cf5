package io.imgsh.engine.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.Http;
import io.imgsh.engine.remote.StreamsTree;
import io.imgsh.engine.remote.TestHttpsServer;
import io.imgsh.store.ChildJvm;
import io.imgsh.store.Mounts;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code image mirror} continues downloads across runs: what a killed run (a child JVM) or a failed one kept in the
 * store's {@code tmp/} is continued with a range request, and is dropped whenever it cannot be the image's start.
 */
class MirrorResumeTest extends ImageFixtureTest {
    /** The ingest writes whole buffers of this size: a killed run leaves a multiple of it on disk. */
    private static final int BUFFER = 1 << 20;

    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();
    StreamsTree tree;
    ObjectNode product;
    byte[] rootfs;
    StreamsTree.Version v1;
    ChildJvm child;

    @BeforeEach
    void setUp() {
        tree = new StreamsTree(server);
        product = tree.product("m:1:amd64:default", "m", "1", "amd64", "m/1");
        rootfs = new byte[3 * BUFFER + 5];
        new Random(11).nextBytes(rootfs);
        v1 = tree.version(product, "20260101_0300", rootfs);
        tree.publish();
        fx.engine.remotes().add("ss", server.base().toString(), "simplestreams", false, true, null);
    }

    @AfterEach
    void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    private MirrorReport mirror(Integer keep) {
        return fx.engine.mirrors().mirror("ss", null, keep, null, Progress.NONE);
    }

    private Path kept(String fingerprint, int part) {
        return fx.tmpDir().resolve("download-" + fingerprint + "." + part);
    }

    private byte[] meta(StreamsTree.Version version) {
        try (Http client = server.client()) {
            return client.get(URI.create(server.url(version.metaPath())), InputStream::readAllBytes);
        }
    }

    /** What a run that broke off in the rootfs leaves: the whole metadata file and the rootfs's start. */
    private void keptFromAnEarlierRun(StreamsTree.Version version, byte[] rootfsStart) throws IOException {
        Files.write(kept(version.squashfs(), 0), meta(version));
        Files.write(kept(version.squashfs(), 1), rootfsStart);
    }

    private List<String> rootfsRequests() {
        return server.requests().stream().filter(r -> r.startsWith("GET " + v1.squashfsPath())).toList();
    }

    private void assertMirrored(MirrorReport report) {
        assertThat(report.failures()).isEmpty();
        assertThat(report.added()).extracting(MirrorReport.Item::fingerprint).containsExactly(v1.squashfs());
        assertThat(ImageFixture.sha256(fx.images().files(v1.squashfs()).toArray(Path[]::new)))
                .isEqualTo(v1.squashfs());
        assertThat(ImageFixture.listing(fx.tmpDir())).isEmpty();
    }

    @Test
    void aKilledRunIsContinuedByTheNextFromWhereItsDownloadBroke() throws Exception {
        server.stallOnce(v1.squashfsPath(), 2 * BUFFER + BUFFER / 2);
        child = ChildJvm.run(MirrorChild.class, fx.home.toString(), "ss");
        child.await("MIRRORING", Duration.ofMinutes(1));
        Path rootfsPart = kept(v1.squashfs(), 1);
        awaitSize(rootfsPart, 2 * BUFFER);

        // the child holds the download: this run leaves it alone and says why
        MirrorReport meanwhile = mirror(null);
        assertThat(meanwhile.failures()).singleElement().asString().isEqualTo(v1.squashfs().substring(0, 12)
                + ": The download of image " + v1.squashfs() + " is busy (another imgsh is writing or removing it);"
                + " try again once that is done");
        assertThat(Files.size(rootfsPart)).isEqualTo(2 * BUFFER);

        child.kill();
        long metaSent = server.bytesSent(v1.metaPath());
        long rootfsSent = server.bytesSent(v1.squashfsPath());
        assertMirrored(mirror(null));
        assertThat(server.bytesSent(v1.metaPath())).as("the metadata file arrived whole before").isEqualTo(metaSent);
        assertThat(server.bytesSent(v1.squashfsPath()) - rootfsSent).isEqualTo(rootfs.length - 2L * BUFFER);
        assertThat(rootfsRequests()).containsExactly("GET " + v1.squashfsPath(),
                "GET " + v1.squashfsPath() + " bytes=" + 2 * BUFFER + "-");
    }

    /** Ctrl-C at the prompt interrupts the command's thread: what arrived until then is kept too. */
    @Test
    void anInterruptedRunKeepsWhatArrivedForTheNext() throws Exception {
        int arrived = 2 * BUFFER + BUFFER / 2;
        server.stallOnce(v1.squashfsPath(), arrived);
        MirrorReport[] interrupted = new MirrorReport[1];
        Thread run = new Thread(() -> interrupted[0] = mirror(null));
        run.start();
        awaitSize(kept(v1.squashfs(), 1), 2 * BUFFER);
        run.interrupt();
        run.join();
        assertThat(interrupted[0].failures()).singleElement().asString().contains("nterrupted");
        // every byte that arrived, the buffer being filled included (how much of the last half MiB had come over
        // the loopback when the interrupt came is up to the scheduler)
        long kept = Files.size(kept(v1.squashfs(), 1));
        assertThat(kept).isBetween(2L * BUFFER, (long) arrived);

        long sent = server.bytesSent(v1.squashfsPath());
        assertMirrored(mirror(null));
        assertThat(rootfsRequests()).containsExactly("GET " + v1.squashfsPath(),
                "GET " + v1.squashfsPath() + " bytes=" + kept + "-");
        assertThat(server.bytesSent(v1.squashfsPath()) - sent).isEqualTo(rootfs.length - kept);
    }

    @Test
    void keptBytesThatAreWrongAreDroppedAndTheImageDownloadedWhole() throws Exception {
        byte[] corrupt = Arrays.copyOf(rootfs, 1000);
        corrupt[500] ^= 1;
        keptFromAnEarlierRun(v1, corrupt);
        assertMirrored(mirror(null));
        assertThat(rootfsRequests()).containsExactly("GET " + v1.squashfsPath() + " bytes=1000-",
                "GET " + v1.squashfsPath());
        assertThat(server.bytesSent(v1.squashfsPath())).isEqualTo(rootfs.length * 2L - 1000);
    }

    @Test
    void keptBytesLongerThanThePublishedFileAreDropped() throws Exception {
        keptFromAnEarlierRun(v1, Arrays.copyOf(rootfs, rootfs.length + 10));
        assertMirrored(mirror(null));
        assertThat(rootfsRequests()).containsExactly("GET " + v1.squashfsPath());
    }

    @Test
    void aServerThatIgnoresTheRangeSendsTheWholeFileAndTheImageIsRight() throws Exception {
        keptFromAnEarlierRun(v1, Arrays.copyOf(rootfs, 1000));
        AtomicLong sent = new AtomicLong();
        server.handler(v1.squashfsPath(), ex -> {
            ex.sendResponseHeaders(200, rootfs.length);
            ex.getResponseBody().write(rootfs);
            sent.addAndGet(rootfs.length);
            ex.close();
        });
        assertMirrored(mirror(null));
        assertThat(rootfsRequests()).containsExactly("GET " + v1.squashfsPath() + " bytes=1000-");
        assertThat(sent.get()).isEqualTo(rootfs.length);
    }

    @Test
    void theKeptDownloadOfAnImageNoLongerWantedIsRemoved() throws Exception {
        keptFromAnEarlierRun(v1, Arrays.copyOf(rootfs, 1000));
        StreamsTree.Version v2 = tree.version(product, "20260201_0300", true, false);
        tree.publish();
        MirrorReport r = mirror(1);
        assertThat(r.added()).extracting(MirrorReport.Item::fingerprint).containsExactly(v2.squashfs());
        assertThat(rootfsRequests()).isEmpty();
        assertThat(ImageFixture.listing(fx.tmpDir())).isEmpty();
    }

    /**
     * A range answer whose body ends before the file does (a chunked 206 that stops early) is a transfer that broke
     * off, not wrong bytes: it is continued from where it stopped, and what was kept before is not dropped.
     */
    @Test
    void aRangeAnswerThatEndsEarlyIsContinuedNotDropped() throws Exception {
        keptFromAnEarlierRun(v1, Arrays.copyOf(rootfs, 1000));
        int stopsAt = BUFFER + 17;
        server.handler(v1.squashfsPath(), ex -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            int start = range == null ? 0 : Integer.parseInt(range.substring(6, range.length() - 1));
            if (range != null) {
                ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (rootfs.length - 1) + "/"
                        + rootfs.length);
            }
            boolean early = start == 1000;
            ex.sendResponseHeaders(range == null ? 200 : 206, early ? 0 : rootfs.length - start);
            ex.getResponseBody().write(rootfs, start, (early ? stopsAt : rootfs.length) - start);
            ex.close();
        });
        assertMirrored(mirror(null));
        assertThat(rootfsRequests()).containsExactly("GET " + v1.squashfsPath() + " bytes=1000-",
                "GET " + v1.squashfsPath() + " bytes=" + stopsAt + "-");
    }

    /** A kept download the run cannot remove stays (the store's clean-up takes it later) and the run succeeds. */
    @Test
    void aKeptDownloadThatCannotBeRemovedDoesNotFailTheRun() throws Exception {
        keptFromAnEarlierRun(v1, Arrays.copyOf(rootfs, 1000));
        StreamsTree.Version v2 = tree.version(product, "20260201_0300", true, false);
        tree.publish();
        try (Mounts.Mount ignored = Mounts.readOnly(kept(v1.squashfs(), 0))) {
            MirrorReport r = mirror(1);
            assertThat(r.failures()).isEmpty();
            assertThat(r.added()).extracting(MirrorReport.Item::fingerprint).containsExactly(v2.squashfs());
            assertThat(ImageFixture.listing(fx.tmpDir())).hasSize(2);
        }
    }

    /**
     * Waits until {@code file} has {@code size} bytes (up to a minute: a child JVM is slow to start on a busy
     * machine), failing early when the child ended.
     */
    private void awaitSize(Path file, long size) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!Files.exists(file) || Files.size(file) != size) {
            if (System.nanoTime() > deadline || child != null && !child.isAlive()) {
                throw new AssertionError(file + " did not reach " + size + " bytes; tmp/ holds "
                        + ImageFixture.listing(fx.tmpDir()));
            }
            Thread.sleep(20);
        }
    }
}
