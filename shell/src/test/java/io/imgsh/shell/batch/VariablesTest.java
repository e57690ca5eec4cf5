package io.imgsh.shell.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {
    private final Variables vars = new Variables(Map.of("A", "one", "B_2", "two words", "D", "$1\\x", "E", ""));

    @Test
    void expandsEveryReference() {
        assertThat(vars.expand("x ${A} ${B_2}${A}")).isEqualTo("x one two wordsone");
        assertThat(vars.expand("${E}")).isEmpty();
    }

    @Test
    void valuesAreInsertedLiterally() {
        assertThat(vars.expand("${D}")).isEqualTo("$1\\x");
    }

    @Test
    void otherDollarsAreLeftAlone() {
        assertThat(vars.expand("$A $ {A} price: 5$")).isEqualTo("$A $ {A} price: 5$");
    }

    @Test
    void undefinedNamesTheVariable() {
        assertThatThrownBy(() -> vars.expand("x ${MISSING}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("undefined variable ${MISSING} (define it with -D MISSING=VALUE or in the environment)");
    }

    @Test
    void malformedReference() {
        assertThatThrownBy(() -> vars.expand("${1A}")).hasMessage("invalid variable reference ${1A}");
        assertThatThrownBy(() -> vars.expand("${}")).hasMessage("invalid variable reference ${}");
    }
}
