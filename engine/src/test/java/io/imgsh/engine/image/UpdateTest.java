package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code image edit} (PUT semantics), {@code set-property}, {@code unset-property}, {@code get-property}. */
class UpdateTest extends ImageFixtureTest {
    String fp;

    @BeforeEach
    void importEditable() {
        fp = fx.importDistinct("editable", "ed");
    }

    private String updated() {
        return "image-updated /1.0/images/" + fp + " {}";
    }

    @Test
    void putReplacesAllWritableFields() {
        long before = fx.lastEventId();
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");

        fx.images().update(fp, new ImagePut(true, Map.of("only", "this"), true, expiry, List.of("default")));

        Image image = fx.images().get(fp);
        assertThat(image.autoUpdate()).isTrue();
        assertThat(image.isPublic()).isTrue();
        assertThat(image.properties()).containsExactly(Map.entry("only", "this"));
        assertThat(image.expiresAt()).isEqualTo(expiry);
        assertThat(image.profiles()).containsExactly("default");
        assertThat(fx.eventLines(before)).containsExactly(updated());
        // Everything else is untouched.
        assertThat(image.aliases()).containsExactly(new ImageAlias("ed", ""));
        assertThat(image.createdAt()).isEqualTo(ImageFixture.CREATED);
        assertThat(image.uploadedAt()).isEqualTo(ImageFixture.START);
        assertThat(image.architecture()).isEqualTo("x86_64");
    }

    @Test
    void missingPropertiesMeanNoneAndMissingProfilesMeanDefault() {
        fx.images().update(fp, new ImagePut(false, Map.of("a", "b"), false, null, List.of()));
        assertThat(fx.images().get(fp).profiles()).isEmpty();

        fx.images().update(fp, new ImagePut(false, null, false, null, null));

        Image image = fx.images().get(fp);
        assertThat(image.properties()).isEmpty();
        assertThat(image.profiles()).containsExactly("default");
    }

    @Test
    void emptyAndNullPropertyValuesAreDropped() {
        Map<String, String> props = new HashMap<>();
        props.put("keep", "x");
        props.put("empty", "");
        props.put("null", null);
        fx.images().update(fp, new ImagePut(false, props, false, null, null));
        assertThat(fx.images().get(fp).properties()).containsExactly(Map.entry("keep", "x"));
    }

    @Test
    void expiryNullKeepsAndAnExplicitDateSets() {
        Instant first = Instant.parse("2030-01-01T00:00:00Z");
        fx.images().update(fp, new ImagePut(false, Map.of(), false, first, null));
        fx.images().update(fp, new ImagePut(false, Map.of(), true, null, null));
        assertThat(fx.images().get(fp).expiresAt()).isEqualTo(first);

        Instant second = Instant.parse("2031-06-07T08:09:10.5Z");
        fx.images().update(fp, new ImagePut(false, Map.of(), false, second, null));
        assertThat(fx.images().get(fp).expiresAt()).isEqualTo(second);
    }

    @Test
    void unknownProfileIsRefusedAndChangesNothing() {
        ImageFixture.Snapshot before = fx.snapshot();
        assertThatThrownBy(() -> fx.images().update(fp,
                new ImagePut(true, Map.of(), true, null, List.of("default", "nosuchprofile"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Profile 'nosuchprofile' doesn't exist");
        fx.assertUnchanged(before);
    }

    @Test
    void updatingAnUnknownImageIsNotFound() {
        ImageFixture.Snapshot before = fx.snapshot();
        assertThatThrownBy(() -> fx.images().update("0".repeat(64), new ImagePut(false, Map.of(), false, null, null)))
                .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        assertThatThrownBy(() -> fx.images().update("0".repeat(64),
                new ImagePut(false, Map.of(), false, null, List.of("nosuchprofile"))))
                .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        assertThatThrownBy(() -> fx.images().setProperty("0".repeat(64), "a", "b"))
                .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        assertThatThrownBy(() -> fx.images().get("0".repeat(64)).property("os"))
                .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        fx.assertUnchanged(before);
    }

    @Test
    void setPropertyKeepsEverythingElse() {
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
        fx.images().update(fp, new ImagePut(true, Map.of("os", "imgshtest", "release", "1.0"), true, expiry,
                List.of("default")));
        long before = fx.lastEventId();

        fx.images().setProperty(fp, "description", "Edited by test");
        fx.images().setProperty(fp, "os", "changed");

        Image image = fx.images().get(fp);
        assertThat(image.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "os", "changed", "release", "1.0", "description", "Edited by test"));
        assertThat(image.autoUpdate()).isTrue();
        assertThat(image.isPublic()).isTrue();
        assertThat(image.expiresAt()).isEqualTo(expiry);
        assertThat(image.profiles()).containsExactly("default");
        assertThat(fx.images().get(fp).property("description")).isEqualTo("Edited by test");
        assertThat(fx.eventLines(before)).containsExactly(updated(), updated());
    }

    @Test
    void unsetPropertyIsSetToEmpty() {
        fx.images().setProperty(fp, "os", "");
        assertThat(fx.images().get(fp).properties()).doesNotContainKey("os").containsKey("description");
        assertThatThrownBy(() -> fx.images().get(fp).property("os"))
                .isInstanceOf(NotFoundException.class).hasMessage("Property not found");

        // Unsetting a key that is not there is silent, as in LXD.
        long before = fx.lastEventId();
        fx.images().setProperty(fp, "never-there", "");
        assertThat(fx.images().get(fp).properties()).doesNotContainKey("never-there");
        assertThat(fx.eventLines(before)).containsExactly(updated());
    }

    @Test
    void getPropertyOfAMissingKeyIsNotFound() {
        assertThat(fx.images().get(fp).property("os")).isEqualTo("imgshtest");
        assertThat(fx.images().get(fp).property("release")).isEqualTo("1.0");
        assertThatThrownBy(() -> fx.images().get(fp).property("nope"))
                .isInstanceOf(NotFoundException.class).hasMessage("Property not found");
        assertThatThrownBy(() -> fx.images().get(fp).property("OS"))
                .isInstanceOf(NotFoundException.class).hasMessage("Property not found");
    }

    @Test
    void editFromYamlOfShowRoundTrips() {
        Image image = fx.images().get(fp);
        String yaml = """
                auto_update: true
                properties:
                  description: Edited
                  release: "1.10"
                  number: 1.10
                public: true
                expires_at: 2030-01-01T00:00:00Z
                profiles:
                - default
                """;
        fx.images().update(fp, ImagePutYaml.parse(yaml));

        Image after = fx.images().get(fp);
        assertThat(after.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "description", "Edited", "release", "1.10", "number", "1.10"));
        assertThat(after.isPublic()).isTrue();
        assertThat(after.autoUpdate()).isTrue();
        assertThat(after.expiresAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(after.fingerprint()).isEqualTo(image.fingerprint());
    }

    @Test
    void editWithOnlyPropertiesResetsTheRestLikeLxd() {
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
        fx.images().update(fp, new ImagePut(true, Map.of("a", "b"), true, expiry, List.of("default")));

        fx.images().update(fp, ImagePutYaml.parse("properties:\n  only: this\n"));

        Image image = fx.images().get(fp);
        assertThat(image.properties()).containsExactly(Map.entry("only", "this"));
        assertThat(image.isPublic()).isFalse();
        assertThat(image.autoUpdate()).isFalse();
        assertThat(image.profiles()).containsExactly("default");
        assertThat(image.expiresAt()).isEqualTo(expiry);
    }

    @Test
    void theWritableViewIsWhatShowPrints() {
        Image image = fx.images().get(fp);
        ImagePut put = image.writable();
        assertThat(put.properties()).isEqualTo(image.properties());
        assertThat(put.profiles()).containsExactly("default");
        assertThat(put.expiresAt()).isEqualTo(Instant.EPOCH);
        fx.images().update(fp, put);
        Image again = fx.images().get(fp);
        assertThat(again.writable()).isEqualTo(put);
    }
}
