package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigAndEventsTest extends StoreTestBase {
    @Test
    void configSetGetUnsetAll() {
        assertThat(store.read((Tx tx) -> tx.config().all())).isEmpty();
        assertThat(store.read((Tx tx) -> tx.config().get("images.compression_algorithm"))).isEmpty();
        store.write((Tx tx) -> {
            tx.config().set("images.remote_cache_expiry", "10");
            tx.config().set("images.compression_algorithm", "gzip");
            tx.config().set("core.https_address", "");
            return null;
        });
        assertThat(store.read((Tx tx) -> tx.config().get("images.compression_algorithm"))).contains("gzip");
        assertThat(store.read((Tx tx) -> tx.config().get("core.https_address"))).contains("");
        store.write((Tx tx) -> {
            tx.config().set("images.compression_algorithm", "xz");
            return null;
        });
        assertThat(store.read((Tx tx) -> tx.config().all())).containsExactly(
                Map.entry("core.https_address", ""),
                Map.entry("images.compression_algorithm", "xz"),
                Map.entry("images.remote_cache_expiry", "10"));

        assertThat(store.write((Tx tx) -> tx.config().unset("images.remote_cache_expiry"))).isTrue();
        assertThat(store.write((Tx tx) -> tx.config().unset("images.remote_cache_expiry"))).isFalse();
        assertThat(store.read((Tx tx) -> tx.config().get("images.remote_cache_expiry"))).isEmpty();
        assertThat(store.read((Tx tx) -> tx.config().all())).containsOnlyKeys("core.https_address",
                "images.compression_algorithm");
    }

    @Test
    void configSurvivesReopen() {
        store.write((Tx tx) -> {
            tx.config().set("k", "v");
            return null;
        });
        store.close();
        store = Store.open(home);
        assertThat(store.read((Tx tx) -> tx.config().get("k"))).contains("v");
    }

    @Test
    void eventsAreAppendedInOrderAndReadSinceAnId() {
        Instant t0 = Instant.parse("2026-11-27T02:23:03.598645087Z");
        store.write((Tx tx) -> {
            tx.events().append(t0, "image-created", "/1.0/images/aaa", "{\"type\":\"container\"}");
            tx.events().append(t0.plusNanos(1), "image-alias-created", "/1.0/images/aliases/x", "{}");
            return null;
        });
        store.write((Tx tx) -> {
            tx.events().append(t0.minusSeconds(60), "image-deleted", "/1.0/images/aaa", "{}");
            return null;
        });
        List<EventRecord> all = store.read((Tx tx) -> tx.events().since(0));
        assertThat(all).extracting(EventRecord::action)
                .containsExactly("image-created", "image-alias-created", "image-deleted");
        assertThat(all).extracting(EventRecord::id).isSorted().doesNotHaveDuplicates();
        assertThat(all.get(0)).isEqualTo(new EventRecord(all.get(0).id(), t0, "image-created", "/1.0/images/aaa",
                "{\"type\":\"container\"}"));
        assertThat(all.get(1).timestamp()).isEqualTo(t0.plusNanos(1));
        assertThat(all.get(2).timestamp()).as("order is by id, not by timestamp").isEqualTo(t0.minusSeconds(60));

        long second = all.get(1).id();
        assertThat(store.read((Tx tx) -> tx.events().since(second))).extracting(EventRecord::action)
                .containsExactly("image-deleted");
        assertThat(store.read((Tx tx) -> tx.events().since(all.get(2).id()))).isEmpty();
        assertThat(store.read((Tx tx) -> tx.events().since(-1))).hasSize(3);
    }

    @Test
    void eventsBeyondTheNewestAndOlderThanTheirTimeAreDeletedAndIdsGoOn() {
        Instant old = Instant.now().minus(EventLog.KEPT_FOR).minusSeconds(60);
        int appended = EventLog.KEPT + 3 * EventLog.PRUNED_EVERY;
        store.write((Tx tx) -> {
            for (int i = 1; i <= appended; i++) {
                // the last thousand are appended now, and the last of them deletes the old rows beyond the newest
                // ten thousand (the old ones, appended by a clock as old as they are, delete none)
                Instant at = i > appended - EventLog.PRUNED_EVERY ? Instant.now() : old.plusNanos(i);
                tx.events().append(at, "image-alias-created", "/1.0/images/aliases/a" + i, "{}");
            }
            return null;
        });
        List<EventRecord> kept = store.read((Tx tx) -> tx.events().since(0));
        assertThat(kept).hasSizeBetween(EventLog.KEPT, EventLog.KEPT + EventLog.PRUNED_EVERY);
        assertThat(kept.get(kept.size() - 1).source()).isEqualTo("/1.0/images/aliases/a" + appended);
        assertThat(kept).extracting(EventRecord::id).isSorted().doesNotHaveDuplicates();
        long newest = kept.get(kept.size() - 1).id();

        store.write((Tx tx) -> {
            tx.events().append(Instant.now(), "image-alias-deleted", "/1.0/images/aliases/a1", "{}");
            return null;
        });
        assertThat(store.read((Tx tx) -> tx.events().since(newest))).extracting(EventRecord::id)
                .containsExactly(newest + 1);
    }

    @Test
    void youngEventsAreKeptHoweverMany() {
        int appended = EventLog.KEPT + 2 * EventLog.PRUNED_EVERY + 1;
        store.write((Tx tx) -> {
            for (int i = 1; i <= appended; i++) {
                tx.events().append(Instant.now(), "image-alias-deleted", "/1.0/images/aliases/a" + i, "{}");
            }
            return null;
        });
        assertThat(store.read((Tx tx) -> tx.events().since(0))).hasSize(appended);
    }

    @Test
    void eventsOfARolledBackTransactionAreNotKeptAndIdsAreNotReused() {
        store.write((Tx tx) -> {
            tx.events().append(Instant.now(), "image-created", "/1.0/images/a", "{}");
            return null;
        });
        assertThatThrownBy(() -> store.write((Tx tx) -> {
            tx.events().append(Instant.now(), "image-created", "/1.0/images/b", "{}");
            throw new IllegalStateException("changed my mind");
        })).isInstanceOf(IllegalStateException.class).hasMessage("changed my mind");
        store.write((Tx tx) -> {
            tx.events().append(Instant.now(), "image-deleted", "/1.0/images/a", "{}");
            return null;
        });
        List<EventRecord> all = store.read((Tx tx) -> tx.events().since(0));
        assertThat(all).extracting(EventRecord::source).containsExactly("/1.0/images/a", "/1.0/images/a");
        assertThat(all).extracting(EventRecord::action).containsExactly("image-created", "image-deleted");
    }

    @Test
    void aReaderSeesOnlyCommittedEvents() throws Exception {
        store.write((Tx tx) -> {
            tx.events().append(Instant.now(), "image-created", "/1.0/images/a", "{}");
            return null;
        });
        // A second store (as another process would) reads while a write transaction is open.
        try (Store other = Store.open(home)) {
            store.write((Tx tx) -> {
                tx.events().append(Instant.now(), "image-created", "/1.0/images/b", "{}");
                List<EventRecord> seen = java.util.concurrent.CompletableFuture
                        .supplyAsync(() -> other.read((Tx t) -> t.events().since(0))).join();
                assertThat(seen).hasSize(1);
                return null;
            });
            assertThat(other.read((Tx t) -> t.events().since(0))).hasSize(2);
        }
    }
}
