package io.imgsh.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.TarBuilder;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.direct.DirectImportRequest;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Ctrl-C (a thread interrupt) during a download that the network has stalled. */
class StalledDownloadTest extends ImageFixtureTest {
    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();

    @Test
    void anInterruptEndsAStalledDownloadAtOnceAndLeavesNothing() throws Exception {
        byte[] image = new TarBuilder().file("metadata.yaml", ImageFixture.metadata("Stalled")).dir("rootfs/")
                .file("rootfs/blob", TarBuilder.random(300_000)).build(Compression.GZIP);
        CountDownLatch stalled = new CountDownLatch(1);
        server.handler("/stall.tar.gz", ex -> {
            ex.sendResponseHeaders(200, image.length);
            OutputStream out = ex.getResponseBody();
            out.write(image, 0, image.length / 3);
            out.flush();
            stalled.countDown();
            server.hangUntilClosed(); // the network goes quiet
            ex.close();
        });
        server.directImage("/stall", ImageFixture.sha256(image), "stall.tar.gz");
        fx.engine.config().set("images.direct_allowed_hosts", "127.0.0.1:" + server.base().getPort());
        fx.engine.remotes().add("pin", server.base().toString(), "simplestreams", false, true, null);

        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread copy = new Thread(() -> {
            try {
                fx.engine.direct().importUrl(new DirectImportRequest(server.base().resolve("/stall").toString(),
                        List.of(), false, Map.of()), Progress.NONE);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        copy.start();
        assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        long interruptedAt = System.nanoTime();
        copy.interrupt();
        copy.join(5_000);
        assertThat(copy.isAlive()).as("still blocked %d ms after the interrupt",
                (System.nanoTime() - interruptedAt) / 1_000_000).isFalse();
        assertThat(failure.get()).isInstanceOf(EngineException.class)
                .hasMessage("Import interrupted");
        assertThat(fx.images().list()).isEmpty();
        try (var files = Files.list(fx.tmpDir())) {
            assertThat(files).isEmpty();
        }
    }
}
