package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRepositoryTest extends StoreTestBase {
    private void insert(ImageRecord... images) {
        store.write((Tx tx) -> {
            for (ImageRecord i : images) {
                tx.images().insert(i);
            }
            return null;
        });
    }

    @Test
    void insertAndGetRoundTripEveryField() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("variant", "default");
        props.put("description", "ImgshTest 1.0 unified");
        props.put("os", "imgshtest");
        props.put("release", "1.0");
        props.put("unicode", "Grüße ✓");
        UpdateSourceRecord source = new UpdateSourceRecord("https://127.0.0.1:8443", "lxd", "-----BEGIN CERT-----",
                "uni-xz", "container");
        ImageRecord image = new ImageRecord(TestImages.fp("full"), "unified-xz.tar.xz", 728, true,
                "virtual-machine", "aarch64", true, true, true,
                Instant.parse("2023-11-14T22:13:20Z"), Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse("2026-11-27T02:23:03.598645087Z"), Instant.parse("2026-11-28T10:00:00.000000001Z"),
                props, List.of("default", "zeta", "alpha"), List.of(), source);
        insert(image);

        ImageRecord got = store.read((Tx tx) -> tx.images().get(image.fingerprint())).orElseThrow();
        assertThat(got).isEqualTo(image);
        assertThat(got.properties().keySet()).containsExactly("description", "os", "release", "unicode", "variant");
        assertThat(got.profiles()).containsExactly("default", "zeta", "alpha");
        assertThat(got.updateSource()).isEqualTo(source);
        assertThat(store.read((Tx tx) -> tx.images().exists(image.fingerprint()))).isTrue();
        assertThat(store.read((Tx tx) -> tx.images().all())).containsExactly(image);
    }

    @Test
    void insertWithNothingOptional() {
        ImageRecord bare = TestImages.image(TestImages.fp("bare"), Map.of(), List.of(), null);
        insert(bare);
        ImageRecord got = store.read((Tx tx) -> tx.images().get(bare.fingerprint())).orElseThrow();
        assertThat(got).isEqualTo(bare);
        assertThat(got.lastUsedAt()).isNull();
        assertThat(got.updateSource()).isNull();
        assertThat(got.properties()).isEmpty();
        assertThat(got.profiles()).isEmpty();
    }

    @Test
    void unknownFingerprint() {
        insert(TestImages.image(TestImages.fp("known")));
        String unknown = TestImages.fp("unknown");
        assertThat(store.read((Tx tx) -> tx.images().get(unknown))).isEmpty();
        assertThat(store.read((Tx tx) -> tx.images().exists(unknown))).isFalse();
        assertThat(store.write((Tx tx) -> tx.images().delete(unknown))).isFalse();
        assertThatThrownBy(() -> store.write((Tx tx) -> {
            tx.images().updateWritable(unknown, true, true, Map.of(), Instant.EPOCH, List.of());
            return null;
        })).isInstanceOf(StoreException.class).hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void emptyStore() {
        assertThat(store.read((Tx tx) -> tx.images().all())).isEmpty();
        assertThat(store.read((Tx tx) -> tx.images().fingerprints())).isEmpty();
        assertThat(store.read((Tx tx) -> tx.images().fingerprintsStartingWith(""))).isEmpty();
    }

    @Test
    void duplicateFingerprintIsRefusedAndTheTransactionRollsBack() throws Exception {
        String fp = TestImages.fp("dup");
        insert(TestImages.image(fp));
        assertThatThrownBy(() -> store.write((Tx tx) -> {
            tx.config().set("written", "in the failed transaction");
            tx.images().insert(TestImages.image(fp));
            return null;
        })).isInstanceOf(StoreException.class).hasCauseInstanceOf(SQLException.class);
        assertThat(store.read((Tx tx) -> tx.config().get("written"))).isEmpty();
        assertThat(TestImages.count(home, "images")).isEqualTo(1);
    }

    @Test
    void timestampsKeepNanosecondsAndSurviveTheWholeInstantRange() {
        Instant[] values = {
            Instant.parse("0001-01-01T00:00:00Z"), // Go's zero time, LXD's "never"
            Instant.parse("1600-06-01T12:00:00.5Z"),
            Instant.EPOCH,
            Instant.parse("1969-12-31T23:59:59.999999999Z"),
            Instant.parse("2262-04-11T23:47:16.854775807Z"), // the last nanosecond a long holds
            Instant.parse("2262-04-11T23:47:16.854775808Z"),
            Instant.parse("3000-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999999Z"),
        };
        for (int i = 0; i < values.length; i++) {
            Instant t = values[i];
            ImageRecord image = new ImageRecord(TestImages.fp("time" + i), "f", 1, false, "container", "x86_64",
                    false, false, false, t, t, t, t, Map.of(), List.of(), List.of(), null);
            insert(image);
            assertThat(store.read((Tx tx) -> tx.images().get(image.fingerprint()))).as("%s", t).contains(image);
        }
        assertThat(store.read((Tx tx) -> tx.images().all())).hasSize(values.length);
    }

    @Test
    void updateWritableReplacesPropertiesProfilesAndFlags() {
        String fp = TestImages.fp("edit");
        ImageRecord before = TestImages.image(fp, Map.of("description", "old", "os", "x", "gone", "soon"),
                List.of("default", "second"), null);
        ImageRecord untouched = TestImages.image(TestImages.fp("other"), Map.of("description", "keep"),
                List.of("default"), null);
        insert(before, untouched);

        Instant expires = Instant.parse("2030-01-01T00:00:00Z");
        store.write((Tx tx) -> {
            tx.images().updateWritable(fp, true, true, Map.of("description", "new", "added", "yes"), expires,
                    List.of("b", "a"));
            return null;
        });
        ImageRecord after = store.read((Tx tx) -> tx.images().get(fp)).orElseThrow();
        assertThat(after.properties()).containsExactly(Map.entry("added", "yes"), Map.entry("description", "new"));
        assertThat(after.profiles()).containsExactly("b", "a");
        assertThat(after.isPublic()).isTrue();
        assertThat(after.autoUpdate()).isTrue();
        assertThat(after.expiresAt()).isEqualTo(expires);
        // everything else is as it was
        assertThat(after).usingRecursiveComparison()
                .ignoringFields("properties", "profiles", "isPublic", "autoUpdate", "expiresAt")
                .isEqualTo(before);
        assertThat(store.read((Tx tx) -> tx.images().get(untouched.fingerprint()))).contains(untouched);

        store.write((Tx tx) -> {
            tx.images().updateWritable(fp, false, false, Map.of(), expires, List.of());
            return null;
        });
        ImageRecord cleared = store.read((Tx tx) -> tx.images().get(fp)).orElseThrow();
        assertThat(cleared.properties()).isEmpty();
        assertThat(cleared.profiles()).isEmpty();
        assertThat(cleared.isPublic()).isFalse();
    }

    @Test
    void deleteCascadesToPropertiesProfilesAliasesAndSource() throws Exception {
        String fp = TestImages.fp("doomed");
        String keep = TestImages.fp("kept");
        UpdateSourceRecord source = new UpdateSourceRecord("https://s", "simplestreams", "", "debian/12", "container");
        insert(TestImages.image(fp, Map.of("a", "1", "b", "2"), List.of("default", "x"), source),
                TestImages.image(keep, Map.of("a", "1"), List.of("default"), source));
        store.write((Tx tx) -> {
            tx.aliases().create("doomed-1", fp, "");
            tx.aliases().create("doomed-2", fp, "second");
            tx.aliases().create("kept", keep, "");
            return null;
        });
        assertThat(TestImages.count(home, "image_properties")).isEqualTo(3);

        assertThat(store.write((Tx tx) -> tx.images().delete(fp))).isTrue();

        assertThat(TestImages.count(home, "images")).isEqualTo(1);
        assertThat(TestImages.count(home, "image_properties")).isEqualTo(1);
        assertThat(TestImages.count(home, "image_profiles")).isEqualTo(1);
        assertThat(TestImages.count(home, "image_aliases")).isEqualTo(1);
        assertThat(TestImages.count(home, "image_sources")).isEqualTo(1);
        assertThat(store.read((Tx tx) -> tx.aliases().all())).extracting(AliasRecord::name).containsExactly("kept");
        assertThat(store.read((Tx tx) -> tx.images().get(keep)).orElseThrow().updateSource()).isEqualTo(source);
    }

    @Test
    void foreignKeysAreEnforcedOnTheStoreConnections() throws Exception {
        try (Database db = TestImages.database(home);
             var st = db.connection().createStatement()) {
            assertThatThrownBy(() -> st.execute("INSERT INTO image_properties (image_id, key, value) VALUES (4242, 'k', 'v')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("FOREIGN KEY");
        }
    }

    @Test
    void allListsInInsertionOrderWithChildrenAttachedToTheRightImage() {
        String a = TestImages.fp("a");
        String b = TestImages.fp("b");
        String c = TestImages.fp("c");
        insert(TestImages.image(b, Map.of("n", "b"), List.of("pb"), null),
                TestImages.image(a, Map.of(), List.of(), new UpdateSourceRecord("s", "lxd", "", "x", "container")),
                TestImages.image(c, Map.of("n", "c", "m", "c"), List.of("p1", "p2"), null));
        store.write((Tx tx) -> {
            tx.aliases().create("c-first", c, "");
            tx.aliases().create("a-alias", c, "");
            tx.aliases().create("for-b", b, "d");
            return null;
        });
        List<ImageRecord> all = store.read((Tx tx) -> tx.images().all());
        assertThat(all).extracting(ImageRecord::fingerprint).containsExactly(b, a, c);
        assertThat(all.get(0).properties()).containsExactly(Map.entry("n", "b"));
        assertThat(all.get(0).aliases()).containsExactly(new AliasRecord("for-b", "d", b, "container"));
        assertThat(all.get(1).updateSource()).isNotNull();
        assertThat(all.get(1).aliases()).isEmpty();
        assertThat(all.get(1).properties()).isEmpty();
        assertThat(all.get(2).profiles()).containsExactly("p1", "p2");
        assertThat(all.get(2).aliases()).extracting(AliasRecord::name).containsExactly("c-first", "a-alias");
        assertThat(all.get(0).updateSource()).isNull();
        // get() attaches the same children as all()
        for (ImageRecord r : all) {
            assertThat(store.read((Tx tx) -> tx.images().get(r.fingerprint()))).contains(r);
        }
    }

    @Test
    void fingerprintsStartingWithIsAPrefixRange() {
        // hand-made fingerprints so that prefixes are shared
        String abc1 = "abc1" + "0".repeat(60);
        String abc2 = "abc2" + "f".repeat(60);
        String abd = "abd0" + "0".repeat(60);
        String ab = "ab" + "f".repeat(62);
        String b = "b" + "0".repeat(63);
        String f = "f".repeat(64);
        insert(TestImages.image(b), TestImages.image(abc2), TestImages.image(f), TestImages.image(abc1),
                TestImages.image(abd), TestImages.image(ab));

        assertThat(prefix("abc")).containsExactly(abc1, abc2);
        assertThat(prefix("ab")).containsExactly(abc1, abc2, abd, ab);
        assertThat(prefix("abc1")).containsExactly(abc1);
        assertThat(prefix("abd")).containsExactly(abd);
        assertThat(prefix("a")).containsExactly(abc1, abc2, abd, ab);
        assertThat(prefix("f")).containsExactly(f);
        assertThat(prefix("fff")).containsExactly(f);
        assertThat(prefix(f)).containsExactly(f);
        assertThat(prefix(f + "0")).isEmpty();
        assertThat(prefix("abe")).isEmpty();
        assertThat(prefix("c")).isEmpty();
        assertThat(prefix("0")).isEmpty();
        assertThat(prefix("ABC")).as("fingerprints are lowercase; matching is exact").isEmpty();
        assertThat(prefix("")).containsExactly(abc1, abc2, abd, ab, b, f);
        assertThat(store.read((Tx tx) -> tx.images().fingerprints())).containsExactlyInAnyOrder(abc1, abc2, abd, ab, b, f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "_", "a%", "ab_", "'", "\\"})
    void prefixIsNotAPattern(String pattern) {
        insert(TestImages.image("abc1" + "0".repeat(60)));
        assertThat(prefix(pattern)).isEmpty();
    }

    private List<String> prefix(String p) {
        return store.read((Tx tx) -> tx.images().fingerprintsStartingWith(p));
    }
}
