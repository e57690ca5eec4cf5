package io.imgsh.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.StreamsTree;
import io.imgsh.engine.remote.TestHttpsServer;
import io.imgsh.engine.verify.Finding.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code image verify [--repair]} on a real store, with a loopback simplestreams server as the recorded source. */
class VerifyTest extends ImageFixtureTest {
    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();
    StreamsTree.Version version;
    String fromServer;
    String local;

    @BeforeEach
    void setUp() {
        StreamsTree tree = new StreamsTree(server);
        ObjectNode product = tree.product("v:1:amd64:default", "v", "1", "amd64", "v/1");
        version = tree.version(product, "20260101_0300", true, false);
        tree.publish();
        fx.engine.remotes().add("ss", server.base().toString(), "simplestreams", false, true, null);
        fromServer = fx.engine.copies().copy(fx.engine.images("ss"), "v/1", fx.images(),
                new CopyRequest(List.of(), false, false, false), Progress.NONE).fingerprint();
        local = fx.importDistinct("imported from a file", "local");
    }

    private VerifyReport verify(boolean repair) {
        return fx.engine.verifier().verify(repair, Progress.NONE);
    }

    private static List<String> found(VerifyReport report) {
        return report.findings().stream().map(f -> f.kind() + " " + f.subject()).toList();
    }

    @Test
    void aSoundStoreHasNoFindingsAndEveryByteIsHashed() throws IOException {
        VerifyReport report = verify(false);
        assertThat(report.findings()).isEmpty();
        assertThat(report.images()).isEqualTo(2);
        long bytes = 0;
        for (Path f : Files.list(fx.imagesDir()).toList()) {
            bytes += Files.size(f);
        }
        assertThat(report.bytesHashed()).isEqualTo(bytes);
    }

    @Test
    void aFlippedByteIsFoundAndTheImageDownloadedAgain() throws IOException {
        Path rootfs = fx.imagesDir().resolve(fromServer + ".rootfs");
        byte[] sound = Files.readAllBytes(rootfs);
        flipByte(rootfs, sound.length / 2);

        VerifyReport found = verify(false);
        assertThat(found.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.DAMAGED);
            assertThat(f.subject()).isEqualTo(fromServer);
            assertThat(f.detail()).startsWith("its files hash to ");
            assertThat(f.outcome()).isNull();
        });
        assertThat(found.problems()).hasSize(1);

        VerifyReport repaired = verify(true);
        assertThat(repaired.findings()).singleElement().satisfies(f -> {
            assertThat(f.fixed()).isTrue();
            assertThat(f.outcome()).isEqualTo("downloaded again from " + server.base());
        });
        assertThat(repaired.problems()).isEmpty();
        assertThat(Files.readAllBytes(rootfs)).isEqualTo(sound);
        assertThat(fx.images().get(fromServer).updateSource().alias()).isEqualTo("v/1");
        assertThat(verify(false).findings()).isEmpty();
    }

    @Test
    void missingFilesAndRowsWithoutFilesAreFoundAndWithoutASourceRemoved() throws IOException {
        Files.delete(fx.imagesDir().resolve(local));
        Files.delete(fx.imagesDir().resolve(fromServer + ".rootfs"));
        assertThat(found(verify(false))).containsExactlyInAnyOrder("MISSING " + fromServer, "MISSING " + local);

        VerifyReport repaired = verify(true);
        assertThat(repaired.findings()).extracting(Finding::outcome).containsExactlyInAnyOrder(
                "downloaded again from " + server.base(), "removed (no recorded source to download it from again)");
        assertThat(repaired.problems()).isEmpty();
        assertThat(fx.images().exists(local)).isFalse();
        assertThat(fx.images().alias("local")).isEmpty();
        assertThat(fx.imagesDir().resolve(fromServer + ".rootfs")).exists();
        assertThat(verify(false).findings()).isEmpty();
    }

    @Test
    void aFileOfTheWrongSizeIsFound() throws IOException {
        Files.write(fx.imagesDir().resolve(local), new byte[] {0}, StandardOpenOption.APPEND);
        assertThat(verify(false).findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.WRONG_SIZE);
            assertThat(f.subject()).isEqualTo(local);
        });
    }

    @Test
    void extraFilesAreRemovedOnlyWhenImgshNamedThem() throws IOException {
        String stray = "ab".repeat(32);
        Files.writeString(fx.imagesDir().resolve(stray), "left by a crash");
        Files.writeString(fx.imagesDir().resolve(local + ".rootfs"), "beside a unified image");
        Files.writeString(fx.imagesDir().resolve("notes.txt"), "the user's");
        Files.createDirectory(fx.imagesDir().resolve(stray + ".rootfs"));

        assertThat(found(verify(false))).containsExactlyInAnyOrder("EXTRA " + stray, "EXTRA " + local + ".rootfs",
                "FOREIGN notes.txt", "FOREIGN " + stray + ".rootfs");
        VerifyReport repaired = verify(true);
        assertThat(repaired.problems()).isEmpty();
        assertThat(repaired.findings()).filteredOn(f -> f.kind() == Kind.FOREIGN).extracting(Finding::outcome)
                .containsOnly("left alone: imgsh removes only files it wrote");
        assertThat(ImageFixture.listing(fx.imagesDir())).contains("notes.txt", stray + ".rootfs")
                .doesNotContain(stray, local + ".rootfs");
        assertThat(fx.images().exists(local)).isTrue();
        assertThat(found(verify(false))).containsExactlyInAnyOrder("FOREIGN notes.txt", "FOREIGN " + stray
                + ".rootfs");
    }

    @Test
    void anOrphanAliasIsFoundAndRemoved() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fx.home.resolve("imgsh.db"));
             Statement st = c.createStatement()) {
            st.execute("INSERT INTO image_aliases (name, image_id, description) VALUES ('ghost', 9999, '')");
        }
        assertThat(found(verify(false))).containsExactly("ORPHAN_ALIAS ghost");
        long before = fx.lastEventId();
        assertThat(verify(true).problems()).isEmpty();
        assertThat(fx.eventLines(before)).singleElement().asString().contains("image-alias-deleted");
        assertThat(verify(false).findings()).isEmpty();
    }

    @Test
    void aSourceThatFailsNowLeavesTheImageForAnotherTry() throws IOException {
        flipByte(fx.imagesDir().resolve(fromServer), 0);
        server.handler(version.squashfsPath(), ex -> {
            ex.sendResponseHeaders(503, -1);
            ex.close();
        });
        VerifyReport failed = verify(true);
        assertThat(failed.findings()).singleElement().satisfies(f -> {
            assertThat(f.fixed()).isFalse();
            assertThat(f.outcome()).startsWith("not repaired, kept for another try: ");
        });
        assertThat(failed.problems()).hasSize(1);
        assertThat(fx.images().exists(fromServer)).isTrue();
        // what arrived (the metadata file) is kept for the next try to continue
        assertThat(ImageFixture.listing(fx.tmpDir())).containsExactly("download-" + fromServer + ".0");
    }

    @Test
    void aSourceThatNoLongerHasTheImageMeansRemoval() throws IOException {
        flipByte(fx.imagesDir().resolve(fromServer), 0);
        new StreamsTree(server).publish();
        assertThat(verify(true).findings()).singleElement().extracting(Finding::outcome)
                .isEqualTo("removed (" + server.base() + " no longer has it)");
        assertThat(fx.images().exists(fromServer)).isFalse();
    }

    @Test
    void anInterruptedVerificationStopsRatherThanCallAnImageDamaged() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> verify(false)).isInstanceOf(EngineException.class)
                    .hasMessage("Verification interrupted");
        } finally {
            Thread.interrupted();
        }
        assertThat(verify(false).findings()).isEmpty();
    }

    @Test
    void theScheduledVerificationRunsWhenDueAndRepairsNothing() throws IOException {
        flipByte(fx.imagesDir().resolve(local), 100);
        fx.engine.config().set("images.verify_rate", "1048576");
        VerifyReport first = fx.engine.verifier().verifyIfDue().orElseThrow();
        assertThat(found(first)).containsExactly("DAMAGED " + local);
        assertThat(first.findings().get(0).fixed()).isFalse();
        fx.clock.advance(Duration.ofHours(23));
        assertThat(fx.engine.verifier().verifyIfDue()).isEmpty();
        fx.clock.advance(Duration.ofHours(1));
        assertThat(fx.engine.verifier().verifyIfDue()).isPresent();
        fx.engine.config().set("images.verify_interval", "0");
        fx.clock.advance(Duration.ofDays(30));
        assertThat(fx.engine.verifier().verifyIfDue()).isEmpty();
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, position);
            b.put(0, (byte) (b.get(0) ^ 0x01));
            ch.write(b.rewind(), position);
        }
    }
}
