package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link Store#open} removes, and what it must leave alone. */
class SweepTest {
    @TempDir
    Path home;

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void leftoverPartsAreRemovedAndEverythingElseInTmpStays() throws Exception {
        Store.open(home).close();
        Path tmp = home.resolve("tmp");
        String id = "0b0e9a53-2c55-4f0e-a3b2-3b1e1f3e8a11";
        for (String part : List.of(id + ".0", id + ".1", id + ".0-2")) {
            Files.write(tmp.resolve(part), random(1000, part.hashCode()));
        }
        Files.writeString(tmp.resolve("notes.txt"), "k\n");
        Files.createFile(tmp.resolve("empty"));
        Files.write(tmp.resolve(id + ".2"), random(10, 1));
        Files.write(tmp.resolve(id + ".0.bak"), random(10, 2));
        Files.write(tmp.resolve(id.toUpperCase(Locale.ROOT) + ".0"), random(10, 3));
        Files.createDirectory(tmp.resolve(id + ".1-1"));
        Map<String, String> others = TestImages.tree(tmp);
        others.keySet().removeIf(name -> name.equals(id + ".0") || name.equals(id + ".1") || name.equals(id + ".0-2"));

        Store.open(home).close();
        assertThat(TestImages.tree(tmp)).as("only imgsh's own parts are removed").isEqualTo(others);
    }

    @Test
    void filesInImagesThatNoMarkerClaimsStay() throws Exception {
        String unified;
        String split;
        try (Store store = Store.open(home)) {
            unified = TestImages.store(store, random(5000, 3));
            split = storeSplit(store);
        }
        Path images = home.resolve("images");
        String orphan = TestImages.fp("orphan");
        Files.write(images.resolve(orphan), random(10, 6));
        Files.write(images.resolve(orphan + ".rootfs"), random(10, 7));
        Files.write(images.resolve(TestImages.fp("rootfs-only") + ".rootfs"), random(10, 8));
        Files.writeString(images.resolve("photo.jpg"), "k\n");
        Map<String, String> before = TestImages.tree(images);

        try (Store store = Store.open(home)) {
            assertThat(TestImages.tree(images)).isEqualTo(before);
            assertThat(TestImages.sha256(store.file(unified))).isEqualTo(unified);
            assertThat(TestImages.sha256(store.file(split), store.rootfsFile(split))).isEqualTo(split);
        }
    }

    @Test
    void anIntentMarkerTakesTheFilesOfAnImageWithoutARowAlong() throws Exception {
        String stored;
        try (Store store = Store.open(home)) {
            stored = storeSplit(store);
        }
        Path images = home.resolve("images");
        Path tmp = home.resolve("tmp");
        String crashed = TestImages.fp("crashed");
        Files.write(images.resolve(crashed), random(10, 6));
        Files.write(images.resolve(crashed + ".rootfs"), random(10, 7));
        Files.createFile(tmp.resolve(TmpNames.intent(crashed)));
        Files.createFile(tmp.resolve(TmpNames.intent(stored)));
        Files.createFile(tmp.resolve(TmpNames.intent(TestImages.fp("never-moved"))));

        try (Store store = Store.open(home)) {
            assertThat(TestImages.list(tmp)).as("every marker is settled").isEmpty();
            assertThat(TestImages.list(images)).as("the image with a row keeps its files")
                    .containsExactly(store.file(stored), store.rootfsFile(stored));
            assertThat(TestImages.sha256(store.file(stored), store.rootfsFile(stored))).isEqualTo(stored);
        }
    }

    private static String storeSplit(Store store) throws IOException {
        try (Ingest ingest = store.ingest()) {
            ingest.drain(new ByteArrayInputStream(random(300, 4)));
            ingest.nextPart();
            ingest.drain(new ByteArrayInputStream(random(3000, 5)));
            TestImages.publish(store, ingest);
            return ingest.finish();
        }
    }

    @Test
    void aTmpFileOfALiveIngestInThisJvmIsNotRemoved() throws Exception {
        byte[] head = random(100_000, 10);
        byte[] tail = random(100_000, 11);
        try (Store store = Store.open(home); Ingest live = store.ingest()) {
            live.drain(new ByteArrayInputStream(head));
            assertThat(TestImages.list(home.resolve("tmp"))).hasSize(1);

            Store.open(home).close(); // a second store in the same JVM sweeps

            assertThat(TestImages.list(home.resolve("tmp"))).hasSize(1);
            live.drain(new ByteArrayInputStream(tail));
            TestImages.publish(store, live);
            assertThat(TestImages.sha256(store.file(live.finish()))).isEqualTo(TestImages.sha256(head, tail));
        }
    }

    @Test
    void aSweepInThisJvmDoesNotReleaseTheLockOfALiveIngest() throws Exception {
        // POSIX record locks belong to the process and are all dropped when it closes *any* descriptor of the
        // file. A sweep that opened a live part to try its lock would hand it to the next process's sweep.
        try (Store store = Store.open(home); Ingest live = store.ingest()) {
            live.drain(new ByteArrayInputStream(random(100_000, 12)));
            Store.open(home).close();
            Store.open(home).close();

            try (ChildJvm child = ChildJvm.start("open", home.toString())) {
                child.await("OPENED", Duration.ofSeconds(30));
                assertThat(child.waitFor(Duration.ofSeconds(30))).isZero();
            }
            assertThat(TestImages.list(home.resolve("tmp"))).as("the live part").hasSize(1);
            TestImages.publish(store, live);
            assertThat(store.file(live.finish())).exists();
        }
    }

    @Test
    void aTmpFileOfALiveIngestInAnotherProcessIsNotRemoved() throws Exception {
        Store.open(home).close();
        try (ChildJvm child = ChildJvm.start("ingest", home.toString(), "8", "copy")) {
            String at = child.await("COPYING", Duration.ofSeconds(30));
            long size = Files.size(ChildJvm.awaitWritten(home.resolve("tmp"), at, Duration.ofSeconds(30)));

            Store.open(home).close();

            assertThat(TestImages.list(home.resolve("tmp"))).hasSize(1);
            assertThat(Files.size(TestImages.list(home.resolve("tmp")).get(0))).isEqualTo(size);

            child.kill();
            Store.open(home).close();
            assertThat(TestImages.list(home.resolve("tmp"))).as("dead process: swept").isEmpty();
        }
    }
}
