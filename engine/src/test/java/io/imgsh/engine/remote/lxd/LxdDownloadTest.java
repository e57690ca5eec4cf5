package io.imgsh.engine.remote.lxd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.MultipartPartsTest;
import io.imgsh.engine.format.TarBuilder;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.ImagePart;
import io.imgsh.engine.image.ImageSink;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.Bystander;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.CopyService;
import io.imgsh.engine.remote.Remote;
import io.imgsh.engine.remote.TestHttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Downloads of the lxd protocol from a server that misbehaves: one that drops the export halfway (resumed with a
 * range request), and hostile ones that send without end, stall or redirect elsewhere (bounded and refused). The real
 * LXD peer cannot be made to do any of that, so a loopback HTTPS server answers the requests a copy by fingerprint
 * makes, with the headers LXD 5.0.2 sends (reference/wire).
 */
class LxdDownloadTest extends ImageFixtureTest {
    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();
    LxdImages lxd;
    final CountDownLatch release = new CountDownLatch(1);
    byte[] image;
    String fp;
    String export;

    @BeforeEach
    void setUp() {
        image = new TarBuilder().file("metadata.yaml", ImageFixture.metadata("Resumed")).dir("rootfs/")
                .file("rootfs/blob", TarBuilder.random(400_000)).build(Compression.GZIP);
        fp = ImageFixture.sha256(image);
        export = "/1.0/images/" + fp + "/export";
        FakeLxdImage.serveUnified(server, fp, image);
        String pem = server.certificatePem();
        lxd = new LxdImages(new Remote("fake", server.base().toString(), Remote.LXD, "tls", true, false, pem),
                server.client());
    }

    @AfterEach
    void tearDown() {
        release.countDown();
    }

    private CopyService.CopyResult copy() {
        return copy(Progress.NONE);
    }

    private CopyService.CopyResult copy(Progress progress) {
        return fx.engine.copies().copy(lxd, fp, fx.images(), new CopyRequest(List.of("r"), false, false, false),
                progress);
    }

    @Test
    void aBrokenExportResumesFromTheBytesAlreadyStored() {
        server.cutOnce(export, image.length / 2);
        List<String> stages = new ArrayList<>();
        List<Long> done = new ArrayList<>();
        CopyService.CopyResult result = copy(new Progress() {
            @Override
            public void update(long position, long total) {
                done.add(position);
            }

            @Override
            public void update(String stage, long position, long total) {
                stages.add(String.valueOf(stage));
                update(position, total);
            }
        });
        assertThat(result.fingerprint()).isEqualTo(fp);
        assertThat(result.bytesTransferred()).isEqualTo(image.length);
        assertThat(server.requests()).endsWith("GET " + export, "GET " + export + " bytes=" + image.length / 2 + "-");
        assertThat(server.requests()).as("the image is read once, when resolved; its export does not ask again")
                .filteredOn(r -> r.equals("GET /1.0/images/" + fp)).hasSize(1);
        assertThat(fx.images().resolve("r").fingerprint()).isEqualTo(fp);
        // one unified file: no stage, so the line keeps the command's label ("Copying the image: 50% …", as lxc)
        assertThat(stages).isNotEmpty().containsOnly("null");
        assertThat(done).isSorted().last().isEqualTo((long) image.length);
    }

    @Test
    void whatAnEarlierCopyKeptIsContinuedWithARangeRequest() throws IOException {
        int kept = image.length / 3;
        Files.write(fx.tmpDir().resolve("download-" + fp + ".0"), java.util.Arrays.copyOf(image, kept));
        CopyService.CopyResult result = copy();
        assertThat(result.bytesTransferred()).isEqualTo(image.length - kept);
        assertThat(server.requests()).endsWith("GET " + export + " bytes=" + kept + "-");
        assertThat(ImageFixture.sha256(fx.images().files(fp).toArray(Path[]::new))).isEqualTo(fp);
        assertThat(fx.tmpDir().toFile().list()).isEmpty();
    }

    @Test
    void aServerThatCannotResumeFailsAndTheNextCopyTakesItsWholeFile() throws IOException {
        java.util.concurrent.atomic.AtomicBoolean cut = new java.util.concurrent.atomic.AtomicBoolean(true);
        server.handler(export, ex -> {
            ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=x.tar.gz");
            ex.sendResponseHeaders(200, image.length); // a range request too gets the whole file
            if (ex.getRequestHeaders().getFirst("Range") != null || !cut.get()) {
                ex.getResponseBody().write(image);
                ex.close();
                return;
            }
            ex.getResponseBody().write(image, 0, image.length / 2);
            ex.getResponseBody().flush();
            throw new IOException("cut by test");
        });
        assertThatThrownBy(this::copy).isInstanceOf(EngineException.class)
                .hasMessage("Download of " + server.base() + export + " broke off and the server cannot resume it"
                        + " (no range support)");
        assertThat(fx.images().list()).isEmpty();
        assertThat(Files.size(fx.tmpDir().resolve("download-" + fp + ".0"))).isEqualTo(image.length / 2);

        cut.set(false);
        CopyService.CopyResult next = copy();
        assertThat(next.bytesTransferred()).isEqualTo(image.length);
        assertThat(server.requests()).endsWith("GET " + export + " bytes=" + image.length / 2 + "-");
        assertThat(fx.images().resolve("r").fingerprint()).isEqualTo(fp);
        assertThat(fx.tmpDir().toFile().list()).isEmpty();
    }

    /** The fake lxd remote, with a sink that runs {@code meanwhile} as it is handed bytes to continue. */
    private Images continuing(IoAction meanwhile) {
        return (Images) Proxy.newProxyInstance(Images.class.getClassLoader(), new Class<?>[] {Images.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("export") && args[1] instanceof ImageSink sink) {
                        args[1] = new ImageSink() {
                            @Override
                            public String accept(ImagePart part, InputStream in) throws IOException {
                                return sink.accept(part, in);
                            }

                            @Override
                            public long held(ImagePart part) {
                                return sink.held(part);
                            }

                            @Override
                            public String accept(ImagePart part, long from, InputStream in) throws IOException {
                                if (from > 0) {
                                    meanwhile.run();
                                }
                                return sink.accept(part, from, in);
                            }
                        };
                    }
                    try {
                        return method.invoke(lxd, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aCopyInterruptedWhileItReHashesWhatAnEarlierOneKeptKeepsItForTheNext() throws IOException {
        int kept = image.length / 3;
        Path download = fx.tmpDir().resolve("download-" + fp + ".0");
        Files.write(download, java.util.Arrays.copyOf(image, kept));
        Images interrupted = continuing(() -> Thread.currentThread().interrupt());
        try {
            assertThatThrownBy(() -> fx.engine.copies().copy(interrupted, fp, fx.images(),
                    new CopyRequest(List.of("r"), false, false, false), Progress.NONE))
                    .isInstanceOf(EngineException.class).hasMessage("Download interrupted");
        } finally {
            Thread.interrupted();
        }
        assertThat(Files.readAllBytes(download)).isEqualTo(java.util.Arrays.copyOf(image, kept));

        CopyService.CopyResult result = copy();
        assertThat(result.bytesTransferred()).isEqualTo(image.length - kept);
        assertThat(server.requests()).endsWith("GET " + export + " bytes=" + kept + "-");
        assertThat(fx.tmpDir().toFile().list()).isEmpty();
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /** Kept bytes that cannot be read back (the file shrank under the copy) may be right: they are not dropped. */
    @Test
    void keptBytesThatCannotBeReadBackAreNotTakenForWrongOnes() throws IOException {
        int kept = image.length / 3;
        Path download = fx.tmpDir().resolve("download-" + fp + ".0");
        Files.write(download, java.util.Arrays.copyOf(image, kept));
        Images shrinking = continuing(() -> Files.write(download, java.util.Arrays.copyOf(image, 10)));
        assertThatThrownBy(() -> fx.engine.copies().copy(shrinking, fp, fx.images(),
                new CopyRequest(List.of("r"), false, false, false), Progress.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessage("Cannot read back the kept download: the file ends before byte " + kept);
        assertThat(Files.readAllBytes(download)).isEqualTo(java.util.Arrays.copyOf(image, 10));
    }

    /**
     * What an earlier copy of a split image kept (its metadata file) is not continued from a slice of the multipart
     * export (a proxy's, whatever total its Content-Range names): the export is read from its start.
     */
    @ParameterizedTest(name = "total announced={0}")
    @ValueSource(booleans = {false, true})
    void aSplitImagesExportIsNeverReadFromTheMiddle(boolean totalAnnounced) throws IOException {
        byte[] meta = ImageFixture.metaTar(ImageFixture.metadata("split")).build(Compression.XZ);
        byte[] rootfs = new TarBuilder().dir("rootfs/").file("rootfs/blob", TarBuilder.random(100_000))
                .build(Compression.GZIP);
        fp = ImageFixture.sha256(meta, rootfs);
        export = "/1.0/images/" + fp + "/export";
        long announced = meta.length + rootfs.length;
        FakeLxdImage.announce(server, fp, announced);
        byte[] body = MultipartPartsTest.body(meta, rootfs, 1);
        server.handler(export, ex -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            int start = range == null ? 0 : Integer.parseInt(range.substring(6, range.length() - 1));
            ex.getResponseHeaders().add("Content-Type", "multipart/form-data; boundary="
                    + MultipartPartsTest.BOUNDARY);
            long total = range == null || !totalAnnounced ? body.length : announced;
            if (range != null) {
                ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (total - 1) + "/" + total);
            }
            int length = (int) total - start;
            ex.sendResponseHeaders(range == null ? 200 : 206, length);
            ex.getResponseBody().write(body, start, length);
            ex.close();
        });
        Files.write(fx.tmpDir().resolve("download-" + fp + ".0"), meta);

        assertThat(copy().fingerprint()).isEqualTo(fp);
        assertThat(server.requests()).endsWith("GET " + export + " bytes=" + meta.length + "-", "GET " + export);
        assertThat(fx.tmpDir().toFile().list()).isEmpty();
    }

    /** Answers the export with the image over and over, up to 8 MiB, with {@code contentLength} (0: chunked). */
    private void endlessExport(long contentLength) {
        server.handler(export, ex -> {
            ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=" + fp + ".tar.gz");
            ex.sendResponseHeaders(200, contentLength);
            try (OutputStream out = ex.getResponseBody()) {
                for (int sent = 0; sent < 8 << 20; sent += image.length) {
                    out.write(image);
                }
            } catch (IOException e) {
                // the client hung up
            }
            ex.close();
        });
    }

    private void assertNothingLeft() {
        assertThat(fx.images().list()).isEmpty();
        assertThat(fx.images().aliases(List.of())).isEmpty();
        assertThat(fx.tmpDir().toFile().list()).isEmpty();
        assertThat(fx.imagesDir().toFile().list()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1L << 50})
    void anExportLongerThanTheAnnouncedSizeIsCutThere(long contentLength) {
        endlessExport(contentLength);
        assertThatThrownBy(this::copy).isInstanceOf(EngineException.class)
                .hasMessage("Download of " + server.base() + export + " exceeds the announced size of " + image.length
                        + " bytes");
        assertNothingLeft();
    }

    @Test
    void anExportToFilesIsCutAtTheAnnouncedSizeToo(@TempDir Path target) {
        endlessExport(0);
        assertThatThrownBy(() -> lxd.export(fp, target.toString(), Progress.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessage("Download of " + server.base() + export + " exceeds the announced size of " + image.length
                        + " bytes");
        assertThat(target.toFile().list()).isEmpty();
    }

    /** Answers the export with half the image, then waits for {@link #release}; sends the rest if {@code finish}. */
    private void exportHalfThenWait(boolean finish) {
        server.handler(export, ex -> {
            ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=" + fp + ".tar.gz");
            ex.sendResponseHeaders(200, image.length);
            ex.getResponseBody().write(image, 0, image.length / 2);
            ex.getResponseBody().flush();
            await(release);
            if (finish) {
                ex.getResponseBody().write(image, image.length / 2, image.length - image.length / 2);
            }
            ex.close();
        });
    }

    @Test
    void aStalledExportFailsNamingTheHostAndIsNotResumedButKeptForTheNextCopy() {
        exportHalfThenWait(false);
        lxd = quick();
        assertThatThrownBy(this::copy).isInstanceOf(EngineException.class)
                .hasMessage("Download from 127.0.0.1:" + server.base().getPort() + " stalled: no data for 0.3 s");
        assertThat(server.requests()).endsWith("GET " + export).noneMatch(r -> r.contains("bytes="));
        assertThat(fx.images().list()).isEmpty();
        assertThat(fx.imagesDir().toFile().list()).isEmpty();
        assertThat(fx.tmpDir().toFile().list()).containsExactly("download-" + fp + ".0");
    }

    @Test
    void aRemoteExportWritesLockedPartialFilesThatTheNextExportCanTellFromAKilledOnes(@TempDir Path target)
            throws Exception {
        exportHalfThenWait(true);
        Path abandoned = Files.writeString(target.resolve("." + fp + ".image.imgsh-0123456789abcdef.partial"), "x");
        java.util.concurrent.CompletableFuture<List<Path>> exported = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> lxd.export(fp, target.toString(), Progress.NONE));
        Path partial;
        long giveUp = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        do {
            assertThat(System.nanoTime()).as("no partial file of imgsh's naming appeared in %s: %s", target,
                    List.of(target.toFile().list())).isLessThan(giveUp);
            Thread.sleep(10);
            try (java.util.stream.Stream<Path> files = Files.list(target)) {
                partial = files.filter(f -> !f.equals(abandoned)
                        && f.getFileName().toString().matches("\\..+\\.imgsh-[0-9a-f]{16}\\.partial")).findFirst()
                        .orElse(null);
            }
        } while (partial == null || Files.size(partial) < image.length / 2);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(partial,
                java.nio.file.StandardOpenOption.READ)) {
            Path held = partial;
            assertThatThrownBy(() -> channel.tryLock(0, Long.MAX_VALUE, true))
                    .as("%s is locked while it is written", held)
                    .isInstanceOf(java.nio.channels.OverlappingFileLockException.class);
        }
        release.countDown();
        assertThat(exported.get()).containsExactly(target.resolve(fp + ".tar.gz"));
        assertThat(Files.readAllBytes(target.resolve(fp + ".tar.gz"))).isEqualTo(image);
        assertThat(target.toFile().list()).as("the killed export's partial went, ours became the image")
                .containsExactly(fp + ".tar.gz");
    }

    @Test
    void aStalledImageListFails() {
        server.handler("/1.0/images", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write("{\"type\":\"sync\",".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            await(release);
            ex.close();
        });
        LxdImages stalling = quick();
        assertThatThrownBy(() -> stalling.list(List.of())).isInstanceOf(EngineException.class)
                .hasMessage("Download from 127.0.0.1:" + server.base().getPort() + " stalled: no data for 0.3 s");
    }

    @Test
    void anImageListLargerThanTheLimitIsRefused() {
        byte[] body = new byte[(int) LxdResponse.MAX_BYTES + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        byte[] envelope = "{\"type\":\"sync\",\"metadata\":[]}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(envelope, 0, body, 0, envelope.length);
        server.put("/1.0/images", body);
        assertThatThrownBy(() -> lxd.list(List.of())).isExactlyInstanceOf(EngineException.class)
                .hasMessage("Refused the answer to GET /1.0/images?recursion=1: more than 16 MiB of JSON");
    }

    @Test
    void anExportRedirectedOffTheOriginIsRefused() {
        try (Bystander bystander = new Bystander()) {
            String elsewhere = "https://127.0.0.1:" + bystander.port() + export;
            server.handler(export, ex -> {
                ex.getResponseHeaders().add("Location", elsewhere);
                ex.sendResponseHeaders(302, -1);
                ex.close();
            });
            assertThatThrownBy(this::copy).isInstanceOf(EngineException.class)
                    .hasMessage("Refused the redirect of " + server.base() + export + " to " + elsewhere
                            + ": it leaves " + server.base());
            assertThat(bystander.contacted()).isFalse();
        }
        assertNothingLeft();
    }

    @Test
    void anImageWhoseFingerprintIsNotASha256IsNotListedAndNotTakenByItsPrefix() {
        String evil = "0123/../../outside/evil";
        FakeLxdImage.list(server, fp, evil);
        assertThat(lxd.list(List.of())).extracting(Image::fingerprint).containsExactly(fp);

        FakeLxdImage.answer(server, "0123", evil); // the prefix is no alias (404), the server resolves it
        assertThatThrownBy(() -> fx.engine.copies().copy(lxd, "0123", fx.images(),
                new CopyRequest(List.of(), false, false, false), Progress.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessage("Invalid image from the server: its fingerprint \"" + evil + "\" is not a SHA-256");
        assertNothingLeft();
    }

    /** The fake server through a client with limits a test can wait out. */
    private LxdImages quick() {
        return new LxdImages(new Remote("fake", server.base().toString(), Remote.LXD, "tls", true, false,
                server.certificatePem()), server.client(TestHttpsServer.QUICK));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
