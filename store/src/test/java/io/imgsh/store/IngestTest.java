package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestTest extends StoreTestBase {
    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Drains {@code meta} and {@code rootfs} as the two parts of a split image; returns its fingerprint. */
    private static String drainSplit(Ingest ingest, byte[] meta, byte[] rootfs) throws IOException {
        ingest.drain(new ByteArrayInputStream(meta));
        ingest.nextPart();
        ingest.drain(new ByteArrayInputStream(rootfs));
        return ingest.finish();
    }

    /** A source that hands out at most {@code max} bytes per read, like a network stream. */
    private static InputStream trickle(byte[] bytes, int max) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, max));
            }
        };
    }

    @Test
    void eachPartHasItsOwnSha256AndTheFingerprintCoversBoth() throws Exception {
        byte[] meta = random(Ingest.BUFFER_SIZE + 5, 7);
        byte[] rootfs = random(2 * Ingest.BUFFER_SIZE + 3, 8);
        try (Ingest ingest = store.ingest()) {
            InputStream tee = ingest.tee(trickle(meta, 1000));
            tee.readNBytes(4096); // part read through the tee, the rest drained
            ingest.drain(tee);
            assertThat(ingest.partSha256()).isEqualTo(TestImages.sha256(meta));
            ingest.nextPart();
            ingest.drain(trickle(rootfs, 65_537));
            assertThat(ingest.partSha256()).isEqualTo(TestImages.sha256(rootfs));
            byte[] both = new byte[meta.length + rootfs.length];
            System.arraycopy(meta, 0, both, 0, meta.length);
            System.arraycopy(rootfs, 0, both, meta.length, rootfs.length);
            assertThat(ingest.finish()).isEqualTo(TestImages.sha256(both));
        }
    }

    @Test
    void anEmptySecondPartHasTheSha256OfNothing() throws Exception {
        byte[] meta = random(100, 9);
        try (Ingest ingest = store.ingest()) {
            ingest.drain(new ByteArrayInputStream(meta));
            ingest.nextPart();
            assertThat(ingest.partSha256()).isEqualTo(TestImages.sha256(new byte[0]));
            assertThat(ingest.finish()).isEqualTo(TestImages.sha256(meta));
        }
    }

    @Test
    void unifiedFingerprintIsTheSha256OfTheBytes() throws Exception {
        byte[] bytes = random(3 * Ingest.BUFFER_SIZE + 17, 1);
        try (Ingest ingest = store.ingest()) {
            assertThat(ingest.drain(trickle(bytes, 65_537))).isEqualTo(bytes.length);
            String fp = ingest.finish();
            assertThat(fp).isEqualTo(TestImages.sha256(bytes)).matches("[0-9a-f]{64}");
            assertThat(ingest.finish()).as("finish is idempotent").isEqualTo(fp);
            assertThat(ingest.size()).isEqualTo(bytes.length);
            assertThat(ingest.split()).isFalse();

            TestImages.publish(store, ingest);
            assertThat(store.file(fp)).hasBinaryContent(bytes);
            assertThat(store.rootfsFile(fp)).doesNotExist();
            assertThat(store.file(fp)).isEqualTo(home.resolve("images").resolve(fp));
            assertThat(store.rootfsFile(fp)).isEqualTo(home.resolve("images").resolve(fp + ".rootfs"));
        }
        assertThat(TestImages.list(home.resolve("tmp"))).isEmpty();
        assertThat(TestImages.list(home.resolve("images"))).hasSize(1);
    }

    @Test
    void emptyStreamIsTheSha256OfNothing() throws Exception {
        try (Ingest ingest = store.ingest()) {
            assertThat(ingest.drain(InputStream.nullInputStream())).isZero();
            assertThat(ingest.finish())
                    .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        }
    }

    @Test
    void splitFingerprintIsTheSha256OfMetadataThenRootfs() throws Exception {
        byte[] meta = random(400, 2);
        byte[] rootfs = random(2 * Ingest.BUFFER_SIZE + 5, 3);
        try (Ingest ingest = store.ingest()) {
            ingest.drain(trickle(meta, 7));
            ingest.nextPart();
            ingest.drain(new ByteArrayInputStream(rootfs));
            String fp = ingest.finish();
            assertThat(fp).isEqualTo(TestImages.sha256(meta, rootfs));
            assertThat(fp).isNotEqualTo(TestImages.sha256(rootfs, meta));
            assertThat(ingest.split()).isTrue();
            assertThat(ingest.size()).isEqualTo(meta.length + rootfs.length);
            assertThatThrownBy(ingest::nextPart).isInstanceOf(IllegalStateException.class);

            TestImages.publish(store, ingest);
            assertThat(store.file(fp)).hasBinaryContent(meta);
            assertThat(store.rootfsFile(fp)).hasBinaryContent(rootfs);
            assertThat(store.read((Tx tx) -> tx.images().get(fp)).orElseThrow().split()).isTrue();
        }
        assertThat(TestImages.list(home.resolve("tmp"))).isEmpty();
    }

    @Test
    void noPartAfterFinishAndNoThirdPart() throws Exception {
        try (Ingest ingest = store.ingest()) {
            ingest.finish();
            assertThatThrownBy(ingest::nextPart).isInstanceOf(IllegalStateException.class);
        }
        try (Ingest ingest = store.ingest()) {
            ingest.nextPart();
            assertThatThrownBy(ingest::nextPart).isInstanceOf(IllegalStateException.class);
        }
        assertThat(TestImages.list(home.resolve("tmp"))).isEmpty();
    }

    @Test
    void teeWritesWhatIsReadThroughItAndDrainTheRest() throws Exception {
        byte[] bytes = random(Ingest.BUFFER_SIZE + 1234, 4);
        ByteArrayOutputStream seenByParser = new ByteArrayOutputStream();
        try (Ingest ingest = store.ingest()) {
            InputStream in = ingest.tee(trickle(bytes, 1000));
            // a parser reading the head: single bytes, odd-sized chunks, a skip
            for (int i = 0; i < 10; i++) {
                seenByParser.write(in.read());
            }
            byte[] chunk = new byte[4099];
            int n = in.read(chunk, 3, 333);
            seenByParser.write(chunk, 3, n);
            assertThat(in.read(chunk, 0, 0)).isZero();
            long skipped = in.skip(500);
            assertThat(skipped).isPositive();
            // then the rest is drained straight from the same tee'd stream
            long drained = ingest.drain(in);
            assertThat(10 + n + skipped + drained).isEqualTo(bytes.length);
            assertThat(in.read()).isEqualTo(-1);

            assertThat(ingest.finish()).isEqualTo(TestImages.sha256(bytes));
            assertThat(ingest.size()).isEqualTo(bytes.length);
            byte[] head = new byte[10 + n];
            System.arraycopy(bytes, 0, head, 0, head.length);
            assertThat(seenByParser.toByteArray()).isEqualTo(head);

            TestImages.publish(store, ingest);
            assertThat(store.file(ingest.finish())).hasBinaryContent(bytes);
        }
    }

    @Test
    void teeThenDrainOfTheUnderlyingStream() throws Exception {
        byte[] bytes = random(3 * Ingest.BUFFER_SIZE / 2, 21);
        try (Ingest ingest = store.ingest()) {
            InputStream raw = trickle(bytes, 4096);
            InputStream teed = ingest.tee(raw);
            // a parser that buffers ahead reads through the tee ...
            java.io.BufferedInputStream parser = new java.io.BufferedInputStream(teed, 8192);
            parser.readNBytes(100);
            // ... then the rest is copied from the underlying stream, not from the parser
            ingest.drain(raw);
            assertThat(ingest.finish()).isEqualTo(TestImages.sha256(bytes));
            assertThat(ingest.size()).isEqualTo(bytes.length);
        }
    }

    @Test
    void noWritesAfterFinish() throws Exception {
        try (Ingest ingest = store.ingest()) {
            InputStream teed = ingest.tee(new ByteArrayInputStream(random(100, 22)));
            ingest.finish();
            assertThatThrownBy(teed::read).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> ingest.drain(new ByteArrayInputStream(new byte[1])))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void teeOfASplitImageHashesBothPartsAsOneStream() throws Exception {
        byte[] meta = random(10_000, 5);
        byte[] rootfs = random(20_000, 6);
        try (Ingest ingest = store.ingest()) {
            InputStream m = ingest.tee(trickle(meta, 999));
            m.readNBytes(100);
            ingest.drain(m);
            ingest.nextPart();
            InputStream r = ingest.tee(new ByteArrayInputStream(rootfs));
            r.transferTo(OutputStreamSink.INSTANCE);
            assertThat(ingest.finish()).isEqualTo(TestImages.sha256(meta, rootfs));
            store.write((Tx tx) -> {
                store.publish(tx, ingest);
                return null;
            });
            assertThat(store.file(ingest.finish())).hasBinaryContent(meta);
            assertThat(store.rootfsFile(ingest.finish())).hasBinaryContent(rootfs);
        }
    }

    /** Discards what it is given. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    @Test
    void partsLiveInTmpUntilPublished() throws Exception {
        try (Ingest ingest = store.ingest()) {
            ingest.drain(new ByteArrayInputStream(random(100, 7)));
            assertThat(TestImages.list(home.resolve("tmp"))).hasSize(1);
            ingest.nextPart();
            ingest.drain(new ByteArrayInputStream(random(100, 8)));
            assertThat(TestImages.list(home.resolve("tmp"))).hasSize(2);
            assertThat(TestImages.list(home.resolve("images"))).isEmpty();
        }
    }

    @Test
    void closeWithoutPublishRemovesTheTemporaryFiles() throws Exception {
        Ingest unified = store.ingest();
        unified.drain(new ByteArrayInputStream(random(5000, 9)));
        Ingest split = store.ingest();
        split.drain(new ByteArrayInputStream(random(5000, 10)));
        split.nextPart();
        split.drain(new ByteArrayInputStream(random(5000, 11)));
        split.finish();
        assertThat(TestImages.list(home.resolve("tmp"))).hasSize(3);

        unified.close();
        assertThat(TestImages.list(home.resolve("tmp"))).hasSize(2);
        split.close();
        split.close(); // twice is harmless
        assertThat(TestImages.list(home.resolve("tmp"))).isEmpty();
        assertThat(TestImages.list(home.resolve("images"))).isEmpty();
    }

    @Test
    void aRolledBackWriteLeavesImagesEmpty() throws Exception {
        byte[] meta = random(3000, 12);
        byte[] rootfs = random(3000, 13);
        String fp;
        try (Ingest ingest = store.ingest()) {
            fp = drainSplit(ingest, meta, rootfs);
            assertThatThrownBy(() -> store.write((Tx tx) -> {
                store.publish(tx, ingest);
                assertThat(store.file(fp)).exists();
                assertThat(store.rootfsFile(fp)).exists();
                tx.images().insert(TestImages.image(ingest));
                tx.events().append(Instant.now(), "image-created", "/1.0/images/" + fp, "{}");
                throw new IllegalStateException("the engine failed after publishing");
            })).isInstanceOf(IllegalStateException.class).hasMessage("the engine failed after publishing");
        }
        assertThat(TestImages.list(home.resolve("images"))).isEmpty();
        assertThat(TestImages.list(home.resolve("tmp"))).isEmpty();
        assertThat(store.read((Tx tx) -> tx.images().exists(fp))).isFalse();
        assertThat(store.read((Tx tx) -> tx.events().since(0))).isEmpty();
    }

    @Test
    void aFailedInsertAfterPublishAlsoUndoesThePublish() throws Exception {
        byte[] bytes = random(3000, 14);
        try (Ingest ingest = store.ingest()) {
            ingest.drain(new ByteArrayInputStream(bytes));
            ImageRecord broken = new ImageRecord(ingest.finish(), "f", 1, false, "container", null, false, false,
                    false, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, java.util.Map.of(),
                    java.util.List.of(), java.util.List.of(), null);
            assertThatThrownBy(() -> store.write((Tx tx) -> {
                store.publish(tx, ingest);
                tx.images().insert(broken); // architecture NOT NULL
                return null;
            })).isInstanceOf(StoreException.class).hasMessageContaining("NOT NULL");
        }
        assertThat(TestImages.list(home.resolve("images"))).isEmpty();
        assertThat(TestImages.list(home.resolve("tmp"))).isEmpty();
    }

    /** An image's stored file, dated in the past, with what must not change about it. */
    private record StoredFile(String fingerprint, Path file, byte[] bytes, FileTime mtime, Object inode) {
        static StoredFile of(Store store, byte[] bytes) throws IOException {
            String fp = TestImages.store(store, bytes);
            Path file = store.file(fp);
            FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
            Files.setLastModifiedTime(file, old);
            return new StoredFile(fp, file, bytes, old, Files.getAttribute(file, "unix:ino"));
        }

        void assertUntouched() throws IOException {
            assertThat(file).exists().hasBinaryContent(bytes);
            assertThat(Files.getLastModifiedTime(file)).isEqualTo(mtime);
            assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(inode);
        }
    }

    @Test
    void aDuplicateNeverOverwritesTheStoredFile() throws Exception {
        byte[] bytes = random(100_000, 15);
        StoredFile stored = StoredFile.of(store, bytes);

        // The engine's pattern: check in the same write transaction, publish only if absent.
        try (Ingest again = store.ingest()) {
            again.drain(new ByteArrayInputStream(bytes));
            boolean published = store.write((Tx tx) -> {
                if (tx.images().exists(again.finish())) {
                    return false;
                }
                store.publish(tx, again);
                tx.images().insert(TestImages.image(again));
                return true;
            });
            assertThat(published).isFalse();
        }
        stored.assertUntouched();
        assertThat(TestImages.list(home.resolve("tmp"))).isEmpty();
        assertThat(TestImages.list(home.resolve("images"))).containsExactly(stored.file());
    }

    @Test
    void publishingOverAStoredImageIsRefusedAndKeepsTheStoredFile() throws Exception {
        StoredFile stored = StoredFile.of(store, random(100_000, 16));

        // An engine that forgot to check exists(): the store refuses rather than replace and then,
        // on the rollback, delete the file the existing row points at.
        try (Ingest again = store.ingest()) {
            again.drain(new ByteArrayInputStream(stored.bytes()));
            assertThatThrownBy(() -> store.write((Tx tx) -> {
                store.publish(tx, again);
                tx.images().insert(TestImages.image(again));
                return null;
            })).isInstanceOf(StoreException.class).hasCauseInstanceOf(FileAlreadyExistsException.class);
        }
        stored.assertUntouched();
        assertThat(store.read((Tx tx) -> tx.images().exists(stored.fingerprint()))).isTrue();
        assertThat(TestImages.list(home.resolve("tmp"))).isEmpty();
    }

    @Test
    void anOrphanFileWithoutARowIsReplacedByANewPublish() throws Exception {
        byte[] bytes = random(10_000, 17);
        String fp = TestImages.sha256(bytes);
        // Left by another process that died between publish and commit while this store was open.
        Files.write(store.file(fp), new byte[] {1, 2, 3});
        Files.write(store.rootfsFile(fp), new byte[] {4, 5, 6});
        assertThat(TestImages.store(store, bytes)).isEqualTo(fp);
        assertThat(store.file(fp)).hasBinaryContent(bytes);
        assertThat(store.rootfsFile(fp)).as("a stale rootfs would make the image look split").doesNotExist();
    }

    @Test
    void deleteFilesAfterCommitRemovesBothFilesOnlyOnCommit() throws Exception {
        byte[] meta = random(1000, 18);
        byte[] rootfs = random(1000, 19);
        String fp;
        try (Ingest ingest = store.ingest()) {
            fp = drainSplit(ingest, meta, rootfs);
            TestImages.publish(store, ingest);
        }
        assertThatThrownBy(() -> store.write((Tx tx) -> {
            tx.images().delete(fp);
            store.deleteFilesAfterCommit(tx, fp);
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.file(fp)).hasBinaryContent(meta);
        assertThat(store.rootfsFile(fp)).hasBinaryContent(rootfs);

        store.write((Tx tx) -> {
            tx.images().delete(fp);
            store.deleteFilesAfterCommit(tx, fp);
            assertThat(store.file(fp)).as("still there until the commit").exists();
            return null;
        });
        assertThat(TestImages.list(home.resolve("images"))).isEmpty();
    }

    @Test
    void filesOfAnImageReimportedRightAfterItsDeletionAreKept() throws Exception {
        byte[] bytes = random(10_000, 20);
        String fp = TestImages.store(store, bytes);
        // The deletion commits; before its files are removed, another writer (standing for another process,
        // with its own connection) imports the same image again. The deleter must then leave the files alone:
        // they belong to the new row.
        try (Store other = Store.open(home)) {
            store.write((Tx tx) -> {
                assertThat(tx.images().delete(fp)).isTrue();
                tx.onCommit(() -> {
                    try {
                        assertThat(TestImages.store(other, bytes)).isEqualTo(fp);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                store.deleteFilesAfterCommit(tx, fp);
                return null;
            });
            assertThat(other.read((Tx tx) -> tx.images().exists(fp))).isTrue();
        }
        assertThat(store.read((Tx tx) -> tx.images().exists(fp))).isTrue();
        assertThat(store.file(fp)).as("the re-imported image's file").exists().hasBinaryContent(bytes);
    }

    @Test
    void fixturesFromTheReferenceScriptGiveLxdsFingerprints(@TempDir Path tmp) throws Exception {
        Path fixtures = ReferenceFixtures.make(tmp.resolve("fixtures"));

        assertThat(ingestFiles(fixtures.resolve("unified-xz.tar.xz")))
                .isEqualTo(ReferenceFixtures.UNIFIED_XZ);
        assertThat(ingestFiles(fixtures.resolve("unified-gz.tar.gz")))
                .isEqualTo(ReferenceFixtures.UNIFIED_GZ);
        String split = ingestFiles(fixtures.resolve("split-meta.tar.xz"), fixtures.resolve("split-rootfs.tar.xz"));
        assertThat(split).isEqualTo(ReferenceFixtures.SPLIT);
        assertThat(store.file(split)).hasSameBinaryContentAs(fixtures.resolve("split-meta.tar.xz"));
        assertThat(store.rootfsFile(split)).hasSameBinaryContentAs(fixtures.resolve("split-rootfs.tar.xz"));
        assertThat(store.read((Tx tx) -> tx.images().fingerprints())).hasSize(3);
    }

    private String ingestFiles(Path... files) throws IOException {
        try (Ingest ingest = store.ingest()) {
            for (int i = 0; i < files.length; i++) {
                if (i > 0) {
                    ingest.nextPart();
                }
                try (InputStream in = ingest.tee(Files.newInputStream(files[i]))) {
                    if (files[i].toString().endsWith(".gz")) {
                        // as the engine's metadata reader does: a decompressor reading ahead through the tee
                        new java.util.zip.GZIPInputStream(in, 8192).readNBytes(512);
                    } else {
                        in.readNBytes(6); // the "magic" sniffed by the engine, through the tee
                    }
                    ingest.drain(in); // the tee itself: its remaining bytes are written once
                }
            }
            TestImages.publish(store, ingest);
            return ingest.finish();
        }
    }
}
