package io.imgsh.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataParseTest {

    private static final String VALID_HEAD = "architecture: x86_64\ncreation_date: 1700000000\n";

    private static ImageMetadata parse(String yaml) {
        return MetadataReader.parse(yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts the one-line InvalidInputException that parsing {@code yaml} must fail with. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String yaml) {
        return assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @Test
    void readsEveryField() {
        ImageMetadata metadata = parse(TarBuilder.METADATA.replace("expiry_date: 0", "expiry_date: 1800000000")
                + "  /etc/motd:\n    when: [start]\n    create_only: true\n    template: motd.tpl\n"
                + "    properties: {greeting: hi, count: 3}\n");

        assertThat(metadata.architecture()).isEqualTo("x86_64");
        assertThat(metadata.creationDate()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(metadata.expiryDate()).isEqualTo(Instant.ofEpochSecond(1_800_000_000L));
        assertThat(metadata.properties()).containsExactly(
                Map.entry("description", "ImgshTest 1.0 unified"), Map.entry("os", "imgshtest"),
                Map.entry("release", "1.0"), Map.entry("variant", "default"));
        assertThat(metadata.templates()).containsExactly(
                Map.entry("/etc/hostname", new Template(List.of("create", "copy"), false, "hostname.tpl", Map.of())),
                Map.entry("/etc/motd", new Template(List.of("start"), true, "motd.tpl",
                        Map.of("greeting", "hi", "count", "3"))));
    }

    @Test
    void keepsScalarTextAndFileOrder() {
        ImageMetadata metadata = parse(VALID_HEAD + """
                properties:
                  zeta: last-letter
                  release: 1.10
                  secureboot: false
                  legacy_bool: yes
                  octal: 0755
                  quoted: "22.04"
                  date: 2024-01-02
                  empty:
                  alpha: first-letter
                """);

        assertThat(metadata.properties()).containsExactly(
                Map.entry("zeta", "last-letter"), Map.entry("release", "1.10"), Map.entry("secureboot", "false"),
                Map.entry("legacy_bool", "yes"), Map.entry("octal", "0755"), Map.entry("quoted", "22.04"),
                Map.entry("date", "2024-01-02"), Map.entry("empty", ""), Map.entry("alpha", "first-letter"));
        assertThat(metadata.expiryDate()).isEqualTo(Instant.EPOCH);
        assertThat(metadata.templates()).isEmpty();
    }

    @Test
    void acceptsArchitectureAliasesAndStoresTheCanonicalName() {
        assertThat(parse("architecture: amd64\ncreation_date: 1\n").architecture()).isEqualTo("x86_64");
        assertThat(parse("architecture: arm64\ncreation_date: 1\n").architecture()).isEqualTo("aarch64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"creation_date: 1\n", "architecture:\ncreation_date: 1\n", "architecture: ''\ncreation_date: 1\n"})
    void missingArchitectureIsLxdsMessage(String yaml) {
        assertRejected(yaml).hasMessage("Architecture isn't supported: ");
    }

    @Test
    void unknownArchitectureIsNamed() {
        assertRejected("architecture: sparc99\ncreation_date: 1\n").hasMessage("Architecture isn't supported: sparc99");
        assertRejected("architecture: [x86_64]\ncreation_date: 1\n")
                .hasMessage("Invalid metadata.yaml: architecture must be a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"architecture: x86_64\n", "architecture: x86_64\ncreation_date: 0\n",
        "architecture: x86_64\ncreation_date:\n"})
    void missingCreationDateIsLxdsMessage(String yaml) {
        assertRejected(yaml).hasMessage("Missing creation date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "'1700000000'", "1700000000.5", "2023-11-14", "[1]"})
    void creationDateMustBeAnInteger(String value) {
        assertRejected("architecture: x86_64\ncreation_date: " + value + "\n")
                .hasMessage("Invalid metadata.yaml: creation_date must be an integer (Unix seconds)");
    }

    @Test
    void datesOutOfRangeAreRejected() {
        assertRejected("architecture: x86_64\ncreation_date: 99999999999999999999\n")
                .hasMessage("Invalid metadata.yaml: creation_date is out of range");
        assertRejected(VALID_HEAD + "expiry_date: 9000000000000000000\n")
                .hasMessage("Invalid metadata.yaml: expiry_date is out of range");
        assertRejected(VALID_HEAD + "expiry_date: soon\n")
                .hasMessage("Invalid metadata.yaml: expiry_date must be an integer (Unix seconds)");
    }

    @Test
    void invalidYamlIsReportedOnOneLineWithItsLine() {
        assertRejected("architecture: [x86_64\n").message().startsWith("Invalid metadata.yaml: line ");
        assertRejected("architecture: x86_64\n  creation_date: 1\n bad: [\n").message().startsWith("Invalid metadata.yaml: line 2: ");
        assertRejected("a: \"unterminated\n").message().startsWith("Invalid metadata.yaml: line ");
    }

    @Test
    void billionLaughsFailsFast() {
        StringBuilder yaml = new StringBuilder(VALID_HEAD).append("lol0: &lol0 [lol]\n");
        for (int level = 1; level <= 9; level++) {
            yaml.append("lol").append(level).append(": &lol").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append("*lol").append(level - 1);
            }
            yaml.append("]\n");
        }
        yaml.append("properties:\n  bomb: *lol9\n");

        assertRejected(yaml.toString()).message().startsWith("Invalid metadata.yaml: ").contains("aliases");
    }

    /** {@code count} entries {@code <prefix>N: v}, one a line, indented by {@code indent}. */
    private static String entries(String prefix, int count, String indent) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(indent).append(prefix).append(i).append(": v\n");
        }
        return sb.toString();
    }

    @Test
    void propertiesAreCappedBeforeTheTreeIsBuilt() {
        assertThat(parse(VALID_HEAD + "properties:\n" + entries("p", YamlBounds.MAX_ENTRIES, "  ")).properties())
                .hasSize(YamlBounds.MAX_ENTRIES);
        // 85,000 properties fit in the 1 MiB cap; their tree would not fit in a 64 MiB heap (ImportCommandTest).
        assertRejected(VALID_HEAD + "properties:\n" + entries("p", 85_000, "  "))
                .hasMessage("Invalid metadata.yaml: properties has more than 1024 entries");
    }

    @Test
    void mergedPropertiesAreCappedToo() {
        String yaml = VALID_HEAD + "a: &a\n" + entries("a", 600, "  ") + "b: &b\n" + entries("b", 600, "  ")
                + "properties:\n  <<: [*a, *b]\n";
        assertRejected(yaml).hasMessage("Invalid metadata.yaml: properties has more than 1024 entries");
    }

    @Test
    void everyCollectionIsCappedAndNamed() {
        assertRejected(VALID_HEAD + "junk: [" + "x, ".repeat(YamlBounds.MAX_ENTRIES) + "x]\n")
                .hasMessage("Invalid metadata.yaml: junk has more than 1024 entries");
        assertRejected(VALID_HEAD + "templates:\n  /etc/hostname:\n    template: x.tpl\n    properties:\n"
                + entries("p", YamlBounds.MAX_ENTRIES + 1, "      "))
                .hasMessage("Invalid metadata.yaml: templates./etc/hostname.properties has more than 1024 entries");
        assertRejected(entries("k", YamlBounds.MAX_ENTRIES + 1, ""))
                .hasMessage("Invalid metadata.yaml: the top level has more than 1024 entries");
    }

    @Test
    void theWholeDocumentIsCapped() {
        StringBuilder yaml = new StringBuilder(VALID_HEAD);
        for (int m = 0; m < 20; m++) {
            yaml.append("m").append(m).append(":\n").append(entries("k", 500, "  "));
        }
        assertRejected(yaml.toString()).hasMessage("Invalid metadata.yaml: the document holds more than 16384 values");
    }

    @Test
    void deepNestingIsRejected() {
        assertRejected(VALID_HEAD + "deep: " + "[".repeat(200) + "]".repeat(200) + "\n")
                .hasMessage("Invalid metadata.yaml: nesting deeper than 20 levels");
        // as deep as 1 MiB allows, in flow and block style
        assertRejected(VALID_HEAD + "deep: " + "{a: ".repeat(250_000) + "\n")
                .hasMessage("Invalid metadata.yaml: nesting deeper than 20 levels");
        assertRejected(VALID_HEAD + "deep:\n"
                + IntStream.range(1, 1400).mapToObj(i -> " ".repeat(i) + "a:\n").collect(Collectors.joining()))
                .hasMessage("Invalid metadata.yaml: nesting deeper than 20 levels");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# only a comment\n", "~\n", "- architecture: x86_64\n", "just text\n"})
    void topLevelMustBeAMapping(String yaml) {
        assertRejected(yaml).hasMessage("Invalid metadata.yaml: the top level must be a mapping");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertRejected(VALID_HEAD + "architecture: aarch64\n").message()
                .startsWith("Invalid metadata.yaml: line ").contains("duplicate key architecture");
        assertRejected(VALID_HEAD + "properties:\n  1: a\n  '1': b\n")
                .hasMessage("Invalid metadata.yaml: duplicate key \"1\" in properties");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n",
        "x: !custom value\n",
        "x: !!str {a: b}\n",
        "x: !!int [1]\n",
        "x: !!seq abc\n",
        "x: !!map abc\n"})
    void onlyStandardTagsOnMatchingNodesAreAccepted(String line) {
        assertRejected(VALID_HEAD + line).message().startsWith("Invalid metadata.yaml: ");
    }

    @Test
    void propertiesMustBeAMapOfScalars() {
        assertRejected(VALID_HEAD + "properties: [a, b]\n").hasMessage("Invalid metadata.yaml: properties must be a mapping");
        assertRejected(VALID_HEAD + "properties:\n  os: [ubuntu]\n")
                .hasMessage("Invalid metadata.yaml: properties.os must be a string");
        assertRejected(VALID_HEAD + "properties:\n  ? [a]\n  : b\n")
                .hasMessage("Invalid metadata.yaml: keys of properties must be strings");
    }

    @Test
    void templateTriggersMustBeKnown() {
        assertRejected(VALID_HEAD + "templates:\n  /etc/hostname:\n    when: [create, boot]\n    template: hostname.tpl\n")
                .hasMessage("Invalid template trigger \"boot\" for /etc/hostname");
        assertRejected(VALID_HEAD + "templates:\n  \"/etc/a\\nb\":\n    when: [\"x\\ny\"]\n    template: a.tpl\n")
                .hasMessage("Invalid template trigger \"x y\" for /etc/a b");
        assertRejected(VALID_HEAD + "templates:\n  /etc/hostname:\n    when: create\n    template: hostname.tpl\n")
                .hasMessage("Invalid metadata.yaml: templates./etc/hostname.when must be a list of triggers");
    }

    @Test
    void templateRulesAreValidated() {
        assertRejected(VALID_HEAD + "templates:\n  /etc/hostname:\n    when: [create]\n")
                .hasMessage("Invalid metadata.yaml: templates./etc/hostname has no template file name");
        assertRejected(VALID_HEAD + "templates: [/etc/hostname]\n")
                .hasMessage("Invalid metadata.yaml: templates must be a mapping");
        assertRejected(VALID_HEAD + "templates:\n  /etc/hostname: hostname.tpl\n")
                .hasMessage("Invalid metadata.yaml: templates./etc/hostname must be a mapping");
        assertRejected(VALID_HEAD + "templates:\n  /etc/hostname:\n    template: x.tpl\n    create_only: sometimes\n")
                .hasMessage("Invalid metadata.yaml: templates./etc/hostname.create_only must be true or false");
        assertRejected(VALID_HEAD + "templates:\n  /etc/hostname:\n    template: ../../etc/shadow\n")
                .hasMessage("Invalid metadata.yaml: unsafe template file name \"../../etc/shadow\" for /etc/hostname");
        assertRejected(VALID_HEAD + "templates:\n  /etc/hostname:\n    template: x.tpl\n    properties:\n      a: {b: c}\n")
                .hasMessage("Invalid metadata.yaml: templates./etc/hostname.properties.a must be a string");
    }

    @Test
    void templateDefaults() {
        Template template = parse(VALID_HEAD + "templates:\n  /etc/hostname:\n    template: hostname.tpl\n")
                .templates().get("/etc/hostname");
        assertThat(template).isEqualTo(new Template(List.of(), false, "hostname.tpl", Map.of()));
    }

    @Test
    void documentsOverOneMebibyteAreRejected() {
        byte[] yaml = (VALID_HEAD + "#" + "x".repeat(MetadataReader.MAX_METADATA_BYTES)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MetadataReader.parse(yaml))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("metadata.yaml is larger than 1 MiB");
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] yaml = (VALID_HEAD + "properties:\n  os: x\n").getBytes(StandardCharsets.UTF_8);
        yaml[yaml.length - 2] = (byte) 0xc3;
        assertThatThrownBy(() -> MetadataReader.parse(yaml))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Invalid metadata.yaml: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
