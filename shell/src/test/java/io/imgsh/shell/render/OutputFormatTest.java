package io.imgsh.shell.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutputFormatTest {
    @Test
    void parsesLxdNames() {
        assertThat(OutputFormat.parse("table")).isEqualTo(OutputFormat.TABLE);
        assertThat(OutputFormat.parse("compact")).isEqualTo(OutputFormat.COMPACT);
        assertThat(OutputFormat.parse("csv")).isEqualTo(OutputFormat.CSV);
        assertThat(OutputFormat.parse("json")).isEqualTo(OutputFormat.JSON);
        assertThat(OutputFormat.parse("yaml")).isEqualTo(OutputFormat.YAML);
    }

    @Test
    void rejectsOtherNamesAsLxdDoes() {
        assertThatThrownBy(() -> OutputFormat.parse("xml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Invalid format \"xml\"");
        assertThatThrownBy(() -> OutputFormat.parse("JSON")).hasMessage("Invalid format \"JSON\"");
        assertThatThrownBy(() -> OutputFormat.parse("")).hasMessage("Invalid format \"\"");
    }
}
