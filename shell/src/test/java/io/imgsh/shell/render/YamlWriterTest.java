package io.imgsh.shell.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.imgsh.shell.SampleImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected output is Go yaml.v2 2.4.0's, as LXD 5.0.2 prints it. */
class YamlWriterTest {

    @Test
    void imageShowFromAPlainTree() {
        assertThat(YamlWriter.write(SampleImage.writableFields())).isEqualTo(SampleImage.SHOW);
    }

    @JsonPropertyOrder({"name", "expires_at", "extra"})
    record Put(@JsonProperty("expires_at") Instant expiresAt, String name, Map<String, Object> extra) {
    }

    @Test
    void jacksonObjectsKeepTheirNamesOrderAndTimestamps() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("none", null);
        extra.put("empty_map", Map.of());
        extra.put("empty_list", List.of());
        extra.put("nested", List.of(List.of(1, 2), Map.of("a", true)));
        Put put = new Put(Instant.parse("2026-11-27T02:23:03.598645087Z"), "uni-xz", extra);

        assertThat(YamlWriter.write(List.of(put))).isEqualTo("""
                - name: uni-xz
                  expires_at: 2026-11-27T02:23:03.598645087Z
                  extra:
                    none: null
                    empty_map: {}
                    empty_list: []
                    nested:
                    - - 1
                      - 2
                    - a: true
                """);
    }

    @Test
    void sortedMapsUseGoYamlKeyOrderOtherMapsKeepTheirs() {
        Map<String, Integer> struct = new LinkedHashMap<>();
        struct.put("b", 1);
        struct.put("a", 2);
        TreeMap<String, Integer> goMap = new TreeMap<>();
        for (String key : List.of("a10", "a2", "a_b", "aB", "a1", "user.x")) {
            goMap.put(key, key.length());
        }

        assertThat(YamlWriter.write(struct)).isEqualTo("b: 1\na: 2\n");
        assertThat(YamlWriter.write(goMap)).isEqualTo("a_b: 3\na1: 2\na2: 2\na10: 3\naB: 2\nuser.x: 6\n");
    }

    static Stream<Arguments> scalars() {
        return Stream.of(
                Arguments.of("1.0", "\"1.0\""), Arguments.of("", "\"\""), Arguments.of("yes", "\"yes\""),
                Arguments.of("y", "\"y\""), Arguments.of("Off", "\"Off\""), Arguments.of("null", "\"null\""),
                Arguments.of("~", "\"~\""), Arguments.of("0x1F", "\"0x1F\""), Arguments.of("0o17", "\"0o17\""),
                Arguments.of("1e3", "\"1e3\""), Arguments.of("08", "\"08\""), Arguments.of("+1", "\"+1\""),
                Arguments.of(".5", "\".5\""), Arguments.of("1_000", "\"1_000\""), Arguments.of("22.04", "\"22.04\""),
                Arguments.of("12:30", "\"12:30\""), Arguments.of("20231114_07:42", "\"20231114_07:42\""),
                Arguments.of("2023-01-01", "\"2023-01-01\""), Arguments.of("2023-1-1", "\"2023-1-1\""),
                Arguments.of("2023-11-14T22:13:20Z", "\"2023-11-14T22:13:20Z\""),
                Arguments.of("2023-11-14 22:13:20", "\"2023-11-14 22:13:20\""),
                Arguments.of("0xFFFFFFFFFFFFFFFF", "\"0xFFFFFFFFFFFFFFFF\""), Arguments.of("+.inf", "\"+.inf\""),
                // Plain: not a valid date, out of range, or not a number at all.
                Arguments.of("2023-13-01", "2023-13-01"), Arguments.of("2023-11-14 22:13:20Z", "2023-11-14 22:13:20Z"),
                Arguments.of("1e400", "1e400"), Arguments.of("0x10000000000000000", "0x10000000000000000"),
                Arguments.of("5.0.2", "5.0.2"), Arguments.of("x86_64", "x86_64"), Arguments.of("a:b", "a:b"),
                Arguments.of("<<", "<<"), Arguments.of("ünïcödé", "ünïcödé"), Arguments.of(".", "."),
                // The emitter's own rules: indicators and edge spaces need quotes.
                Arguments.of("- a", "'- a'"), Arguments.of("a: b", "'a: b'"), Arguments.of("#x", "'#x'"),
                Arguments.of("a #b", "'a #b'"), Arguments.of(" lead", "' lead'"), Arguments.of("trail ", "'trail '"),
                Arguments.of("'quoted'", "'''quoted'''"), Arguments.of("@at", "'@at'"),
                Arguments.of("a\tb", "\"a\\tb\""));
    }

    @ParameterizedTest
    @MethodSource("scalars")
    void stringsAreQuotedOnlyWhenGoWould(String value, String expected) {
        assertThat(YamlWriter.write(Map.of("k", value))).isEqualTo("k: " + expected + "\n");
    }

    @Test
    void multiLineStringsAreLiteralBlocks() {
        assertThat(YamlWriter.write(Map.of("description", "first line\nsecond line")))
                .isEqualTo("description: |-\n  first line\n  second line\n");
    }

    @Test
    void longStringsFoldAtEightyColumns() {
        String description = String.join(" ", java.util.Collections.nCopies(20, "word"));
        assertThat(YamlWriter.write(Map.of("description", description))).isEqualTo(
                "description: word word word word word word word word word word word word word word\n"
                + "  word word word word word word\n");
    }

    @Test
    void numbersAsGoPrintsThem() {
        List<Object> numbers = new ArrayList<>(Arrays.asList(734, 9_007_199_254_740_993L, 1.0, 0.1, 1234567.0,
                1e-5, 5e-324, Double.NaN, Double.NEGATIVE_INFINITY, 8.389523772309971e16, 1.5f));
        assertThat(YamlWriter.write(numbers)).isEqualTo("""
                - 734
                - 9007199254740993
                - 1
                - 0.1
                - 1.234567e+06
                - 1e-05
                - 5e-324
                - .nan
                - -.inf
                - 8.389523772309971e+16
                - 1.5
                """);
    }

    @Test
    void typesJacksonCannotTurnIntoATreeAreRejected() {
        assertThatThrownBy(() -> YamlWriter.write(Map.of("data", new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot write [B as YAML");
    }

    @Test
    void scalarsAtTheTop() {
        assertThat(YamlWriter.write(null)).isEqualTo("null\n");
        assertThat(YamlWriter.write("1.0")).isEqualTo("\"1.0\"\n");
        assertThat(YamlWriter.write(List.of())).isEqualTo("[]\n");
        assertThat(YamlWriter.write(Map.of())).isEqualTo("{}\n");
    }
}
