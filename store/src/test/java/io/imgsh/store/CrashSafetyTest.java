package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL at any point leaves, once the store is opened again, either no image or a whole
 * one: a row, its file, the right size and the right SHA-256, and nothing in {@code tmp/}.
 */
class CrashSafetyTest {
    private static final int BIG_MB = 200;
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path root;

    private Path home(String name) {
        Path home = root.resolve(name);
        Store.open(home).close(); // the schema exists before the child races with nothing
        return home;
    }

    /**
     * Ingests {@link #BIG_MB} MiB in a child JVM that stops at {@code stage}, kills it once it prints {@code marker}
     * and returns the fingerprint it printed.
     */
    private static String ingestKilledAfter(Path home, String stage, String marker) throws Exception {
        try (ChildJvm child = ChildJvm.start("ingest", home.toString(), Integer.toString(BIG_MB), stage)) {
            String fp = child.await(marker, START);
            child.kill();
            return fp;
        }
    }

    /** Opens the store as the next process would and returns the surviving fingerprint, or null for none. */
    private static String assertNoneOrWhole(Path home, long expectedSize) throws Exception {
        try (Store store = Store.open(home)) {
            Set<String> fps = store.read((Tx tx) -> tx.images().fingerprints());
            List<Path> images = TestImages.list(home.resolve("images"));
            assertThat(TestImages.list(home.resolve("tmp"))).as("tmp/ after the sweep").isEmpty();
            if (fps.isEmpty()) {
                assertThat(images).as("files without a row").isEmpty();
                assertThat(store.read((Tx tx) -> tx.events().since(0))).isEmpty();
                return null;
            }
            assertThat(fps).hasSize(1);
            String fp = fps.iterator().next();
            ImageRecord record = store.read((Tx tx) -> tx.images().get(fp)).orElseThrow();
            assertThat(images).containsExactly(store.file(fp));
            assertThat(Files.size(store.file(fp))).isEqualTo(expectedSize);
            assertThat(record.size()).isEqualTo(expectedSize);
            assertThat(TestImages.sha256(store.file(fp))).isEqualTo(fp);
            assertThat(store.read((Tx tx) -> tx.events().since(0))).hasSize(1);
            return fp;
        }
    }

    @Test
    void killedWhileCopyingLeavesNothing() throws Exception {
        Path home = home("copy");
        try (ChildJvm child = ChildJvm.start("ingest", home.toString(), Integer.toString(BIG_MB), "copy")) {
            String at = child.await("COPYING", START);
            assertThat(Long.parseLong(at)).isEqualTo((long) BIG_MB / 4 << 20);
            assertThat(Files.size(ChildJvm.awaitWritten(home.resolve("tmp"), at, START)))
                    .isEqualTo((long) BIG_MB / 4 << 20);
            child.kill();
        }
        assertThat(TestImages.list(home.resolve("tmp"))).as("before the sweep").hasSize(1);
        assertThat(assertNoneOrWhole(home, (long) BIG_MB << 20)).isNull();
    }

    @Test
    void killedAfterPublishBeforeCommitLeavesNothing() throws Exception {
        Path home = home("published");
        String fp = ingestKilledAfter(home, "published", "PUBLISHED");
        assertThat(home.resolve("images").resolve(fp)).as("published, not committed").exists();
        assertThat(TestImages.list(home.resolve("tmp"))).as("the intent marker")
                .extracting(f -> TmpNames.intentFingerprint(f.getFileName().toString()))
                .containsExactly(Optional.of(fp));
        assertThat(assertNoneOrWhole(home, (long) BIG_MB << 20)).isNull();
    }

    @Test
    void killedAfterTheCommitOfADeletionBeforeItsFilesWentLeavesNothing() throws Exception {
        Path home = home("deleted");
        String fp;
        try (Store store = Store.open(home)) {
            fp = TestImages.store(store, new byte[] {1, 2, 3});
        }
        try (ChildJvm child = ChildJvm.start("delete", home.toString(), fp)) {
            child.await("DELETED", START);
            child.kill();
        }
        assertThat(home.resolve("images").resolve(fp)).as("row deleted, file not yet").exists();
        assertThat(TestImages.list(home.resolve("tmp"))).hasSize(1);
        Store.open(home).close();
        assertThat(TestImages.list(home.resolve("images"))).isEmpty();
        assertThat(TestImages.list(home.resolve("tmp"))).isEmpty();
    }

    @Test
    void killedAfterCommitLeavesTheWholeImage() throws Exception {
        Path home = home("committed");
        String fp = ingestKilledAfter(home, "committed", "COMMITTED");
        assertThat(assertNoneOrWhole(home, (long) BIG_MB << 20)).isEqualTo(fp);
    }

    @Test
    void killedAtArbitraryMoments() throws Exception {
        int mb = 64;
        long size = (long) mb << 20;
        // One undisturbed run tells how long an ingest takes here.
        Path reference = home("reference");
        long took;
        String expected;
        try (ChildJvm child = ChildJvm.start("ingest", reference.toString(), Integer.toString(mb), "run")) {
            child.await("STARTED", START);
            long start = System.nanoTime();
            expected = child.await("DONE", START);
            took = Math.max(System.nanoTime() - start, 1_000_000);
            assertThat(child.waitFor(START)).isZero();
        }
        assertThat(assertNoneOrWhole(reference, size)).isEqualTo(expected);

        int whole = 0;
        int none = 0;
        StringBuilder outcomes = new StringBuilder();
        double[] fractions = {0.1, 0.5, 0.9, 1.0, 1.2, 4.0};
        for (int i = 0; i < fractions.length; i++) {
            Path home = home("kill" + i);
            try (ChildJvm child = ChildJvm.start("ingest", home.toString(), Integer.toString(mb), "run")) {
                child.await("STARTED", START);
                Thread.sleep((long) (took * fractions[i] / 1_000_000));
                child.kill();
            }
            String fp = assertNoneOrWhole(home, size);
            outcomes.append(String.format(" %.2f:%s", fractions[i], fp == null ? "none" : "whole"));
            if (fp == null) {
                none++;
            } else {
                assertThat(fp).isEqualTo(expected);
                whole++;
            }
        }
        System.out.printf("CrashSafetyTest: ingest of %d MiB took %d ms; killed runs left %d whole, %d none:%s%n",
                mb, took / 1_000_000, whole, none, outcomes);
    }
}
