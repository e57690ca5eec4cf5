package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The YAML {@code image edit} reads: LXD's api.ImagePut, with one-line errors and no accidental wipe. */
class ImagePutYamlTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> rejected(String yaml) {
        return assertThatThrownBy(() -> ImagePutYaml.parse(yaml))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(ImageFixture::assertOneLine);
    }

    @Test
    void fullDocument() {
        ImagePut put = ImagePutYaml.parse("""
                auto_update: true
                properties:
                  description: ImgshTest 1.0 unified
                  os: imgshtest
                  release: "1.0"
                  variant: default
                public: false
                expires_at: 1970-01-01T00:00:00Z
                profiles:
                - default
                """);
        assertThat(put).isEqualTo(new ImagePut(true, Map.of("description", "ImgshTest 1.0 unified",
                "os", "imgshtest", "release", "1.0", "variant", "default"), false, Instant.EPOCH, List.of("default")));
    }

    @Test
    void missingFieldsTakeLxdDefaults() {
        ImagePut put = ImagePutYaml.parse("properties:\n  only: this\n");
        assertThat(put.autoUpdate()).isFalse();
        assertThat(put.isPublic()).isFalse();
        assertThat(put.properties()).containsExactly(Map.entry("only", "this"));
        assertThat(put.expiresAt()).as("missing expires_at keeps the old one").isNull();
        assertThat(put.profiles()).as("missing profiles means [default], decided by update").isNull();
    }

    @Test
    void goZeroTimeMeansNotGiven() {
        assertThat(ImagePutYaml.parse("expires_at: 0001-01-01T00:00:00Z\n").expiresAt()).isNull();
        assertThat(ImagePutYaml.parse("expires_at: ~\n").expiresAt()).isNull();
        assertThat(ImagePutYaml.parse("expires_at: \"2030-01-01T01:02:03+01:00\"\n").expiresAt())
                .isEqualTo(Instant.parse("2030-01-01T00:02:03Z"));
    }

    @Test
    void scalarPropertyValuesKeepTheirText() {
        ImagePut put = ImagePutYaml.parse("properties:\n  release: 1.10\n  n: 7\n  b: true\n  q: 'x: y'\n");
        assertThat(put.properties()).containsExactly(Map.entry("release", "1.10"), Map.entry("n", "7"),
                Map.entry("b", "true"), Map.entry("q", "x: y"));
    }

    @Test
    void nullPropertyValuesAreEmptyAsInGo() {
        // Go's yaml decodes a null into a string as "", which the store then drops.
        ImagePut put = ImagePutYaml.parse("properties:\n  a: ~\n  b: null\n  c:\n  d: x\n");
        assertThat(put.properties()).containsExactly(Map.entry("a", ""), Map.entry("b", ""), Map.entry("c", ""),
                Map.entry("d", "x"));
    }

    @Test
    void nullPropertiesOrProfiles() {
        ImagePut put = ImagePutYaml.parse("properties: ~\nprofiles: ~\npublic: ~\n");
        assertThat(put.properties()).isEmpty();
        assertThat(put.profiles()).isNull();
        assertThat(put.isPublic()).isFalse();
        assertThat(ImagePutYaml.parse("profiles: []\n").profiles()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"})
    void yamlOneOneTrueSpellings(String word) {
        assertThat(ImagePutYaml.parse("public: " + word + "\nauto_update: " + word + "\n"))
                .satisfies(p -> assertThat(p.isPublic()).as(word).isTrue())
                .satisfies(p -> assertThat(p.autoUpdate()).as(word).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"})
    void yamlOneOneFalseSpellings(String word) {
        ImagePut put = ImagePutYaml.parse("public: " + word + "\nauto_update: " + word + "\n");
        assertThat(put.isPublic()).as(word).isFalse();
        assertThat(put.autoUpdate()).as(word).isFalse();
    }

    @Test
    void boolTypeErrorsAreOneLineWithTheLine() {
        rejected("auto_update: false\npublic: notabool\n")
                .hasMessage("yaml: unmarshal errors: line 2: cannot unmarshal !!str `notabool` into bool");
        rejected("public: notabool\n")
                .hasMessage("yaml: unmarshal errors: line 1: cannot unmarshal !!str `notabool` into bool");
        rejected("public: 1\n").hasMessage("yaml: unmarshal errors: line 1: cannot unmarshal !!int `1` into bool");
        rejected("public: \"true\"\n")
                .hasMessage("yaml: unmarshal errors: line 1: cannot unmarshal !!str `true` into bool");
        rejected("\n\nauto_update: [true]\n")
                .hasMessage("yaml: unmarshal errors: line 3: cannot unmarshal !!seq into bool");
    }

    @Test
    void otherTypeErrors() {
        rejected("properties: [a, b]\n")
                .hasMessage("yaml: unmarshal errors: line 1: cannot unmarshal !!seq into map[string]string");
        rejected("properties:\n  a: [1]\n")
                .hasMessage("yaml: unmarshal errors: line 2: cannot unmarshal !!seq into string");
        rejected("profiles: default\n")
                .hasMessage("yaml: unmarshal errors: line 1: cannot unmarshal !!str `default` into []string");
        rejected("expires_at: [1]\n")
                .hasMessage("yaml: unmarshal errors: line 1: cannot unmarshal !!seq into time.Time");
        rejected("expires_at: tomorrow\n").hasMessageStartingWith("yaml: line 1: invalid timestamp \"tomorrow\"");
    }

    @Test
    void syntaxErrorsCarryTheLine() {
        rejected("public: [true\n").hasMessageStartingWith("yaml: line ");
        rejected("properties:\n  a: b\n c: d\n").hasMessageStartingWith("yaml: line ");
        rejected("a: 1\n---\nb: 2\n").hasMessageStartingWith("yaml: ");
    }

    @Test
    void unknownKeysAreIgnored() {
        ImagePut put = ImagePutYaml.parse("""
                fingerprint: abc
                architecture: aarch64
                public: true
                nested:
                  deep: [1, 2]
                """);
        assertThat(put).isEqualTo(new ImagePut(false, Map.of(), true, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\n", "\t \n", "# only a comment\n", "---\n", "~\n", "null\n", "--- ~\n"})
    void emptyDocumentsAreAnErrorNotAWipe(String yaml) {
        rejected(yaml).hasMessageStartingWith("Empty YAML");
    }

    @ParameterizedTest
    @ValueSource(strings = {"just a string\n", "- a\n- b\n", "42\n", "[public, true]\n"})
    void nonMappingDocumentsAreRefused(String yaml) {
        rejected(yaml).hasMessageStartingWith("yaml: unmarshal errors: line 1: cannot unmarshal ")
                .hasMessageEndingWith(" into api.ImagePut");
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        sb.append("public: true\n");
        rejected(sb.toString()).hasMessageStartingWith("yaml: ");
    }

    @Test
    void hugeDocumentIsRefused() {
        rejected("public: true\n# " + "x".repeat(2 << 20) + "\n").hasMessageStartingWith("yaml: ");
    }
}
