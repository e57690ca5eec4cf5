package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.FilterParityTable.Case;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code image list} filters over the parity images in a real store: every expression selects what {@code lxc}
 * 5.0.2 selected from the same images on the LXD peer ({@link FilterParityTable}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageFilterTest {
    private static final String RUN = "pf";

    @TempDir
    static Path tmp;
    @AutoClose
    ImageFixture fx;
    Map<String, String> fingerprints;

    @BeforeAll
    void images() throws IOException {
        fx = new ImageFixture(tmp);
        fingerprints = FilterParityTable.importInto(fx.images(), FilterParityTable.write(fx.files, "unit"), RUN);
    }

    List<Case> cases() {
        return FilterParityTable.CASES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void selectsWhatLxcSelectsExceptForTheFieldsLxdNeverMatches(Case c) {
        List<String> filters = FilterParityTable.expand(c, RUN, fingerprints);
        List<String> selected = fx.images().list(filters).stream().map(Image::fingerprint).toList();
        assertThat(FilterParityTable.labels(selected, fingerprints)).as(String.join(" ", filters)).isEqualTo(c.imgsh());
    }

    @Test
    void fromAServerThatCannotFilterLxcAppliesItsOwnRuleToEveryKeyValue() {
        // lxc 5.0.2 falls back to imageShouldShow alone: a matching property, or a field's exact JSON text.
        assertThat(clientSide("type=appliance")).isEqualTo("A");
        assertThat(clientSide("type=container")).isEqualTo("ABC");
        assertThat(clientSide("type=CONTAINER")).isEmpty();
        assertThat(clientSide("architecture=x86.*")).isEmpty();
        assertThat(clientSide("architecture=i686")).isEqualTo("B");
        assertThat(clientSide("filename=parity-a.tar.gz")).isEqualTo("A");
        assertThat(clientSide("public=true")).isEqualTo("A");
        assertThat(clientSide("os=parity.*", "{run}-a")).isEqualTo("A");
    }

    private String clientSide(String... filters) {
        List<String> expanded = FilterParityTable.expand(new Case(List.of(filters), "", ""), RUN, fingerprints);
        List<String> selected = fx.images().list().stream().filter(ImageFilter.clientSide(expanded)::matches)
                .map(Image::fingerprint).toList();
        return FilterParityTable.labels(selected, fingerprints);
    }

    @Test
    void noFilterSelectsEverything() {
        assertThat(fx.images().list(List.of())).hasSize(4);
    }
}
