package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.Engine;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.TarBuilder;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.Remote;
import io.imgsh.engine.remote.TestHttpsServer;
import io.imgsh.engine.remote.lxd.FakeLxdImage;
import io.imgsh.engine.remote.lxd.LxdImages;
import io.imgsh.store.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose directory cannot take an image, because it is full (a 1 MiB tmpfs) or has become read-only under an
 * open engine (a read-only bind mount over it): an import and a copy from an lxd server fail with one line and leave
 * no file and no row. Mounts, since a test running as root writes through any permission.
 */
class UnwritableStoreTest {
    /** Incompressible, so that the stored file is as large as this. */
    private static final int BIG = 2 << 20;

    @TempDir
    Path dir;
    Path home;
    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();
    LxdImages lxd;
    Path image;
    String remoteFp;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        image = Files.write(dir.resolve("big.tar"), ImageFixture.unifiedTar(ImageFixture.metadata("big"))
                .file("rootfs/big", TarBuilder.random(BIG)).build(Compression.NONE));
        byte[] remote = new TarBuilder().file("metadata.yaml", ImageFixture.metadata("remote")).dir("rootfs/")
                .file("rootfs/big", TarBuilder.random(BIG)).build(Compression.GZIP);
        remoteFp = ImageFixture.sha256(remote);
        FakeLxdImage.serveUnified(server, remoteFp, remote);
        lxd = new LxdImages(new Remote("fake", server.base().toString(), Remote.LXD, "tls", true, false,
                server.certificatePem()), server.client());
    }

    private static Engine open(Path home) {
        return Engine.open(home, new MutableClock(ImageFixture.START));
    }

    /**
     * Imports {@link #image} and copies the fake server's image: each fails with one line that starts as given and
     * ends with the system's reason, and nothing is stored.
     */
    private void assertNeitherIsStored(Engine engine, String importStart, String copyStart, String reason) {
        assertThatThrownBy(() -> engine.images().importImage(new ImportRequest(image, null, List.of("big"), false,
                Map.of()))).isInstanceOf(EngineException.class).hasMessageStartingWith(importStart)
                .hasMessageEndingWith(reason).satisfies(ImageFixture::assertOneLine);
        assertThatThrownBy(() -> engine.copies().copy(lxd, remoteFp, engine.images(), new CopyRequest(List.of("remote"), false, false,
                false), Progress.NONE)).isInstanceOf(EngineException.class).hasMessageStartingWith(copyStart)
                .hasMessageEndingWith(reason).satisfies(ImageFixture::assertOneLine);
        assertThat(engine.images().list()).isEmpty();
        assertThat(engine.images().aliases(List.of())).isEmpty();
        assertThat(ImageFixture.listing(home.resolve("images"))).isEmpty();
        assertThat(ImageFixture.listing(home.resolve("tmp"))).isEmpty();
    }

    @Test
    void aFullStoreIsOneLineAndKeepsNothing() {
        try (Mounts.Mount mount = Mounts.tmpfs(home, "1m"); Engine engine = open(home)) {
            assertNeitherIsStored(engine, "Import failed: Cannot write the image into the store: ",
                    "Cannot write the image into the store: ", ": No space left on device");
        }
    }

    @Test
    void aReadOnlyStoreIsOneLineAndKeepsNothing() throws IOException {
        try (Engine engine = open(home); Mounts.Mount mount = Mounts.readOnly(home)) {
            String tmp = "Cannot create a temporary file in " + home.toRealPath().resolve("tmp") + ": ";
            assertNeitherIsStored(engine, "Import failed: " + tmp, "Copy failed: " + tmp, ": Read-only file system");
        }
    }
}
