package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two other processes and two threads of this one write to one store at once. */
class MultiProcessTest {
    private static final int PER_WRITER = 40;
    private static final Duration SHORT_WAIT = Duration.ofMillis(200);

    @TempDir
    Path home;

    @Test
    void concurrentWritersInSeveralProcessesLoseNothing() throws Exception {
        List<String> prefixes = List.of("child1", "child2", "parent1", "parent2");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        try (Store store = Store.open(home);
             ChildJvm child1 = ChildJvm.start("writer", home.toString(), "child1", Integer.toString(PER_WRITER));
             ChildJvm child2 = ChildJvm.start("writer", home.toString(), "child2", Integer.toString(PER_WRITER))) {
            child1.await("STARTED", Duration.ofSeconds(60));
            child2.await("STARTED", Duration.ofSeconds(60));
            java.nio.file.Files.createFile(home.resolve("go")); // the children start writing now, as do we
            List<Future<?>> parents = new ArrayList<>();
            for (String p : List.of("parent1", "parent2")) {
                parents.add(pool.submit(() -> {
                    StoreChild.writeImages(store, p, PER_WRITER);
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                while (writing.get()) {
                    List<ImageRecord> all = store.read((Tx tx) -> tx.images().all());
                    for (ImageRecord r : all) {
                        assertThat(r.aliases()).as("an image and its alias commit together").hasSize(1);
                    }
                    reads.incrementAndGet();
                }
                return null;
            });
            child1.await("DONE", Duration.ofSeconds(120));
            child2.await("DONE", Duration.ofSeconds(120));
            assertThat(child1.waitFor(Duration.ofSeconds(30))).as("child1 exit status").isZero();
            assertThat(child2.waitFor(Duration.ofSeconds(30))).as("child2 exit status").isZero();
            for (Future<?> f : parents) {
                f.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            reader.get(30, TimeUnit.SECONDS);

            List<ImageRecord> all = store.read((Tx tx) -> tx.images().all());
            assertThat(all).hasSize(prefixes.size() * PER_WRITER);
            Set<String> aliases = store.read((Tx tx) -> tx.aliases().all()).stream().map(AliasRecord::name)
                    .collect(Collectors.toSet());
            for (String p : prefixes) {
                for (int i = 0; i < PER_WRITER; i++) {
                    assertThat(aliases).contains(p + "-" + i);
                }
            }
            for (ImageRecord r : all) {
                assertThat(TestImages.sha256(store.file(r.fingerprint()))).isEqualTo(r.fingerprint());
            }
            assertThat(TestImages.list(home.resolve("images"))).hasSize(all.size());
            assertThat(TestImages.list(home.resolve("tmp"))).isEmpty();

            List<EventRecord> events = store.read((Tx tx) -> tx.events().since(0));
            assertThat(events).hasSize(2 * all.size());
            Map<String, Long> perWriter = events.stream()
                    .collect(Collectors.groupingBy(EventRecord::source, Collectors.counting()));
            for (String p : prefixes) {
                assertThat(perWriter.get(p)).as("events from %s", p).isEqualTo(2L * PER_WRITER);
            }
            assertThat(events.stream().filter(e -> e.action().equals("image-created")).count())
                    .isEqualTo(all.size());
            for (ImageRecord r : all) {
                assertThat(events).filteredOn(e -> e.context().contains(r.fingerprint())).hasSize(1);
            }
            // Each image's created event comes right before its alias event: one transaction each.
            int switches = 0;
            for (int i = 1; i < events.size(); i++) {
                switches += events.get(i).source().equals(events.get(i - 1).source()) ? 0 : 1;
            }
            System.out.printf("MultiProcessTest: %d images by 4 writers, %d switches of writer, %d listings%n",
                    all.size(), switches, reads.get());
            assertThat(switches).as("the writers really ran at the same time").isGreaterThan(prefixes.size());
            for (int i = 0; i < events.size(); i += 2) {
                assertThat(events.get(i).action()).isEqualTo("image-created");
                assertThat(events.get(i + 1).action()).isEqualTo("image-alias-created");
                assertThat(events.get(i + 1).source()).isEqualTo(events.get(i).source());
            }
            assertThat(reads.get()).isPositive();
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertThat(Files.exists(home.resolve("imgsh.db"))).isTrue();
    }

    @Test
    void aReaderOpensAndListsWhileAnotherProcessIsInItsWriteTransaction() throws Exception {
        String before;
        try (Store store = Store.open(home)) {
            before = TestImages.store(store, new byte[] {1, 2, 3});
        }
        try (ChildJvm child = ChildJvm.start("ingest", home.toString(), "1", "published")) {
            String written = child.await("PUBLISHED", Duration.ofSeconds(60));
            // The child holds the write lock with its row inserted, its file moved into images/ and its intent
            // marker in tmp/. Were opening or reading to need the lock, the short bound would fail them as busy.
            try (Store store = Store.open(home, SHORT_WAIT)) {
                assertThat(store.read((Tx tx) -> tx.images().fingerprints())).containsExactly(before);
                assertThat(store.file(written)).as("the sweep left the live writer's files alone").exists();
                assertThat(TestImages.list(home.resolve("tmp"))).hasSize(1);
            }
        }
    }

    @Test
    void aWriterWaitingLongerThanTheBoundIsToldTheStoreIsBusy() throws Exception {
        Store.open(home).close();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ChildJvm child = ChildJvm.start("ingest", home.toString(), "1", "published")) {
            child.await("PUBLISHED", Duration.ofSeconds(60));
            try (Store store = Store.open(home, SHORT_WAIT)) {
                assertThatThrownBy(() -> store.write((Tx tx) -> {
                    tx.config().set("k", "busy");
                    return null;
                }))
                        .isInstanceOf(StoreException.class)
                        .hasMessage("store busy (another imgsh is writing)");
            }
            try (Store store = Store.open(home)) {
                Future<?> waiting = pool.submit(() -> store.write((Tx tx) -> {
                    tx.config().set("k", "waited");
                    return null;
                }));
                child.kill();
                waiting.get(60, TimeUnit.SECONDS);
                assertThat(store.read((Tx tx) -> tx.config().get("k"))).contains("waited");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void severalProcessesCreatingOneStoreAtOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            Path fresh = home.resolve("fresh" + round);
            Path go = home.resolve("go" + round);
            List<ChildJvm> children = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    children.add(ChildJvm.start("open", fresh.toString(), go.toString()));
                }
                for (ChildJvm c : children) {
                    c.await("READY", Duration.ofSeconds(60));
                }
                Files.createFile(go);
                try (Store store = Store.open(fresh)) {
                    store.write((Tx tx) -> {
                        tx.config().set("parent", "here");
                        return null;
                    });
                }
                for (ChildJvm c : children) {
                    c.await("OPENED", Duration.ofSeconds(60));
                    assertThat(c.waitFor(Duration.ofSeconds(30))).isZero();
                }
            } finally {
                for (ChildJvm c : children) {
                    c.close();
                }
            }
            assertThat(TestImages.query(fresh, "PRAGMA user_version")).isEqualTo(Schema.LATEST);
            assertThat(TestImages.query(fresh, "SELECT value FROM config WHERE key = 'parent'")).isEqualTo("here");
        }
    }
}
