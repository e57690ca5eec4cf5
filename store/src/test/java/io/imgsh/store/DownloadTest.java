package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Download ingests ({@link Store#download}): kept when they break off, continued by a later one, cleaned up. */
class DownloadTest extends StoreTestBase {
    byte[] meta;
    byte[] rootfs;
    String fp;

    @BeforeEach
    void bytes() {
        meta = random(5000, 1);
        rootfs = random(2 * Ingest.BUFFER_SIZE + 3, 2);
        fp = TestImages.sha256(meta, rootfs);
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private Path kept(String fingerprint, int part) {
        return home.resolve("tmp").resolve(TmpNames.download(fingerprint, part));
    }

    /** A split download that broke off after {@code rootfsBytes} of the rootfs and was kept. */
    private void brokeOffAt(int rootfsBytes) throws IOException {
        try (Ingest ingest = store.download(fp)) {
            ingest.drain(new ByteArrayInputStream(meta));
            ingest.nextPart();
            ingest.drain(new ByteArrayInputStream(rootfs, 0, rootfsBytes));
            ingest.keep();
        }
    }

    private static InputStream rest(byte[] bytes, int from) {
        return new ByteArrayInputStream(bytes, from, bytes.length - from);
    }

    @Test
    void aKeptDownloadIsContinuedWhereItBrokeAndHashedWhole() throws Exception {
        int cut = Ingest.BUFFER_SIZE + 7;
        brokeOffAt(cut);
        assertThat(Files.size(kept(fp, 0))).isEqualTo(meta.length);
        assertThat(Files.size(kept(fp, 1))).isEqualTo(cut);

        try (Ingest ingest = store.download(fp)) {
            assertThat(ingest.held()).isEqualTo(meta.length);
            ingest.resumeAt(meta.length);
            ingest.drain(InputStream.nullInputStream());
            assertThat(ingest.partSha256()).isEqualTo(TestImages.sha256(meta));
            ingest.nextPart();
            assertThat(ingest.held()).isEqualTo(cut);
            ingest.resumeAt(cut);
            ingest.drain(rest(rootfs, cut));
            assertThat(ingest.partSha256()).isEqualTo(TestImages.sha256(rootfs));
            assertThat(ingest.resumed()).isTrue();
            assertThat(ingest.finish()).isEqualTo(fp);
            assertThat(ingest.size()).isEqualTo(meta.length + rootfs.length);
            store.write(tx -> {
                store.publish(tx, ingest);
                tx.images().insert(TestImages.image(ingest));
                return null;
            });
        }
        assertThat(Files.readAllBytes(store.rootfsFile(fp))).isEqualTo(rootfs);
        assertThat(TestImages.list(home.resolve("tmp"))).isEmpty();
    }

    @Test
    void droppingHeldMetadataDropsTheHeldRootfsAndAnUnkeptDownloadLeavesNothing() throws Exception {
        brokeOffAt(1000);
        try (Ingest ingest = store.download(fp)) {
            ingest.resumeAt(0);
            assertThat(kept(fp, 1)).doesNotExist();
            ingest.drain(new ByteArrayInputStream(meta));
            ingest.nextPart();
            assertThat(ingest.held()).isZero();
            ingest.drain(new ByteArrayInputStream(rootfs));
            assertThat(ingest.resumed()).isFalse();
            assertThat(ingest.finish()).isEqualTo(fp);
        }
        assertThat(TestImages.list(home.resolve("tmp"))).isEmpty();
    }

    @Test
    void aPartReadWithoutResumingStartsOverAndAKeptEmptyPartIsNotKept() throws Exception {
        brokeOffAt(1000);
        try (Ingest ingest = store.download(fp)) {
            ingest.drain(new ByteArrayInputStream(meta, 0, 10)); // not resumed: from byte 0
            assertThat(ingest.partSha256()).isEqualTo(TestImages.sha256(Arrays.copyOf(meta, 10)));
            ingest.keep();
        }
        assertThat(Files.readAllBytes(kept(fp, 0))).isEqualTo(Arrays.copyOf(meta, 10));
        assertThat(kept(fp, 1)).doesNotExist();

        String other = TestImages.fp("other");
        try (Ingest ingest = store.download(other)) {
            ingest.keep();
        }
        assertThat(kept(other, 0)).doesNotExist();
    }

    @Test
    void oneIngestAtATimeWritesADownload() throws Exception {
        try (Ingest first = store.download(fp)) {
            assertThatThrownBy(() -> store.download(fp)).isInstanceOf(DownloadBusyException.class)
                    .hasMessage("The download of image " + fp + " is busy (another imgsh is writing or removing"
                            + " it); try again once that is done");
            first.drain(new ByteArrayInputStream(meta));
            assertThat(store.discardDownload(fp)).isFalse();
            first.keep();
        }
        assertThat(store.discardDownload(fp)).isTrue();
        assertThat(kept(fp, 0)).doesNotExist();
    }

    @Test
    void keptDownloadsNobodyContinuedForAWeekGoWhenTheStoreOpens() throws Exception {
        brokeOffAt(1000);
        String recent = TestImages.fp("recent");
        try (Ingest ingest = store.download(recent)) {
            ingest.drain(new ByteArrayInputStream(meta));
            ingest.keep();
        }
        FileTime old = FileTime.from(Instant.now().minus(Store.DOWNLOAD_KEPT_FOR).minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(kept(fp, 0), old);
        Files.setLastModifiedTime(kept(fp, 1), old);
        Path mine = Files.writeString(home.resolve("tmp").resolve("download-notes.0"), "not imgsh's");
        Files.setLastModifiedTime(mine, old);

        store.close();
        store = Store.open(home);
        assertThat(TestImages.list(home.resolve("tmp"))).containsExactlyInAnyOrder(kept(recent, 0), mine);
    }

    @Test
    void aDownloadStaysWhileAnyOfItsPartsIsRecent() throws Exception {
        brokeOffAt(1000);
        Files.setLastModifiedTime(kept(fp, 0), FileTime.from(Instant.now().minus(Duration.ofDays(30))));
        store.close();
        store = Store.open(home);
        assertThat(TestImages.list(home.resolve("tmp"))).containsExactlyInAnyOrder(kept(fp, 0), kept(fp, 1));
    }

    /**
     * Ctrl-C as a continued download starts on what it kept (here, about to drop some of it): the bytes stay as they
     * were, and so does the download's lock (an interruptible channel operation would have closed the part).
     */
    @Test
    void anInterruptAsKeptBytesAreResumedLeavesThemKeptAndLocked() throws Exception {
        brokeOffAt(1000);
        try (Ingest ingest = store.download(fp)) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> ingest.resumeAt(meta.length / 2)).isInstanceOf(InterruptedIOException.class);
            } finally {
                Thread.interrupted();
            }
            try (FileChannel other = FileChannel.open(kept(fp, 0), StandardOpenOption.READ)) {
                assertThatThrownBy(() -> other.tryLock(0, Long.MAX_VALUE, true))
                        .as("the ingest's channel, and its lock, are still open")
                        .isInstanceOf(OverlappingFileLockException.class);
            }
            ingest.keep();
        }
        assertThat(Files.readAllBytes(kept(fp, 0))).isEqualTo(meta);
        assertThat(Files.readAllBytes(kept(fp, 1))).isEqualTo(Arrays.copyOf(rootfs, 1000));
    }

    @Test
    void keptBytesThatCannotBeReadBackAreAReadFailureNotAWriteOne() throws Exception {
        brokeOffAt(1000);
        try (Ingest ingest = store.download(fp)) {
            Files.write(kept(fp, 0), Arrays.copyOf(meta, 10)); // shorter than when the ingest opened it
            assertThatThrownBy(() -> ingest.resumeAt(meta.length)).isInstanceOf(StoreReadException.class)
                    .hasMessageStartingWith("Cannot read back the kept download: the file ends before byte ");
        }
    }

    /** A lock this JVM holds otherwise (as a clean-up's own channel) makes the download busy, and only while held. */
    @Test
    void aDownloadLockedElsewhereInThisJvmIsBusyUntilReleased() throws Exception {
        brokeOffAt(1000);
        try (FileChannel cleanUp = FileChannel.open(kept(fp, 0), StandardOpenOption.WRITE)) {
            FileLock lock = cleanUp.lock();
            assertThatThrownBy(() -> store.download(fp)).isInstanceOf(DownloadBusyException.class);
            lock.release();
        }
        try (Ingest ingest = store.download(fp)) {
            assertThat(ingest.held()).isEqualTo(meta.length);
            ingest.keep();
        }
    }

    @Test
    void aWeekOldKeptDownloadThatCannotBeRemovedStaysAndTheStoreStillOpens() throws Exception {
        brokeOffAt(1000);
        FileTime old = FileTime.from(Instant.now().minus(Store.DOWNLOAD_KEPT_FOR).minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(kept(fp, 0), old);
        Files.setLastModifiedTime(kept(fp, 1), old);
        store.close();
        try (Mounts.Mount ignored = Mounts.readOnly(kept(fp, 0))) {
            store = Store.open(home);
            assertThat(TestImages.list(home.resolve("tmp"))).containsExactlyInAnyOrder(kept(fp, 0), kept(fp, 1));
            store.close();
        }
        store = Store.open(home);
        assertThat(TestImages.list(home.resolve("tmp"))).isEmpty();
    }
}
