package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.NotFoundException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alias first, then fingerprint or unique prefix; ambiguity and misses are one-line errors. */
class ResolveTest extends ImageFixtureTest {
    /** Imports distinct images until two fingerprints share their first hex digit (at most 17 imports). */
    private List<String> twoSharingAFirstDigit() {
        Map<Character, String> byDigit = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            String fp = fx.importDistinct("image " + i);
            String other = byDigit.putIfAbsent(fp.charAt(0), fp);
            if (other != null) {
                return List.of(other, fp);
            }
        }
        throw new AssertionError("17 fingerprints cannot all have different first hex digits");
    }

    @Test
    void byAliasFullFingerprintAndPrefix() {
        String fp = fx.importDistinct("one", "one");
        assertThat(fx.images().resolve("one").fingerprint()).isEqualTo(fp);
        assertThat(fx.images().resolve(fp).fingerprint()).isEqualTo(fp);
        assertThat(fx.images().resolve(fp.substring(0, 12)).fingerprint()).isEqualTo(fp);
        assertThat(fx.images().resolve(fp.substring(0, 1)).fingerprint()).isEqualTo(fp);
        assertThat(fx.images().byFingerprint(fp.substring(0, 4)).fingerprint()).isEqualTo(fp);
        assertThat(fx.images().resolve("one").aliases()).containsExactly(new ImageAlias("one", ""));
    }

    @Test
    void aFingerprintOrPrefixInUpperCaseIsFoundAsByLxd() {
        String fp = fx.importDistinct("one", "one");
        assertThat(fx.images().resolve(fp.toUpperCase(Locale.ROOT)).fingerprint()).isEqualTo(fp);
        assertThat(fx.images().byFingerprint(fp.substring(0, 6).toUpperCase(Locale.ROOT)).fingerprint()).isEqualTo(fp);
    }

    @Test
    void anAliasThatLooksLikeAPrefixShadowsTheFingerprint() {
        String a = fx.importDistinct("a");
        String b = fx.importDistinct("b");
        String prefixOfA = a.substring(0, 6);
        fx.images().createAlias(prefixOfA, b, "");

        assertThat(fx.images().resolve(prefixOfA).fingerprint()).isEqualTo(b);
        assertThat(fx.images().byFingerprint(prefixOfA).fingerprint()).isEqualTo(a);
        // A full fingerprint used as an alias name shadows the image with that fingerprint too.
        fx.images().createAlias(a, b, "");
        assertThat(fx.images().resolve(a).fingerprint()).isEqualTo(b);
    }

    @Test
    void anAmbiguousPrefixListsTheMatches() {
        List<String> two = twoSharingAFirstDigit();
        String prefix = two.get(0).substring(0, 1);
        int common = 0;
        while (two.get(0).charAt(common) == two.get(1).charAt(common)) {
            common++;
        }

        for (String p : List.of(prefix, two.get(0).substring(0, common))) {
            assertThatThrownBy(() -> fx.images().resolve(p))
                    .isInstanceOf(EngineException.class)
                    .hasMessageStartingWith("More than one image matches \"" + p + "\": ")
                    .hasMessageContainingAll(two.get(0).substring(0, 12), two.get(1).substring(0, 12))
                    .satisfies(ImageFixture::assertOneLine);
            assertThatThrownBy(() -> fx.images().byFingerprint(p)).hasMessageStartingWith("More than one image");
        }
        // One more digit than they share makes each unique again.
        for (String fp : two) {
            assertThat(fx.images().resolve(fp.substring(0, common + 1)).fingerprint()).isEqualTo(fp);
        }
    }

    @Test
    void anAliasWinsOverAnAmbiguousPrefix() {
        List<String> two = twoSharingAFirstDigit();
        String prefix = two.get(0).substring(0, 1);
        fx.images().createAlias(prefix, two.get(1), "");
        assertThat(fx.images().resolve(prefix).fingerprint()).isEqualTo(two.get(1));
    }

    @Test
    void unknownNamesAreNotFound() {
        String fp = fx.importDistinct("only", "only");
        for (String name : List.of("nothing", "0000", "g", fp + "0", "", "%", "_")) {
            assertThatThrownBy(() -> fx.images().resolve(name)).as(name)
                    .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        }
        assertThatThrownBy(() -> fx.images().byFingerprint("only")).isInstanceOf(NotFoundException.class)
                .hasMessage("Image not found");
        assertThatThrownBy(() -> fx.images().get(fp.substring(0, 12))).isInstanceOf(NotFoundException.class)
                .hasMessage("Image not found");
    }

    @Test
    void emptyStoreFindsNothing() {
        assertThat(fx.images().list()).isEmpty();
        assertThatThrownBy(() -> fx.images().resolve("a")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.images().byFingerprint("a")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void lookupsAppendNoEvents() {
        String fp = fx.importDistinct("quiet", "q");
        long last = fx.lastEventId();
        fx.images().resolve("q");
        fx.images().resolve(fp.substring(0, 3));
        fx.images().byFingerprint(fp);
        fx.images().get(fp);
        fx.images().list();
        fx.images().list(List.of("q"));
        assertThat(fx.lastEventId()).isEqualTo(last);
    }
}
