package io.imgsh.shell.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ColorModeTest {
    @Test
    void parses() {
        assertThat(ColorMode.parse("always")).isEqualTo(ColorMode.ALWAYS);
        assertThat(ColorMode.parse("never")).isEqualTo(ColorMode.NEVER);
        assertThat(ColorMode.parse("auto")).isEqualTo(ColorMode.AUTO);
        assertThatThrownBy(() -> ColorMode.parse("sometimes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid color mode \"sometimes\" (use always, never or auto)");
    }

    @Test
    void explicitModesIgnoreEnvironmentAndTerminal() {
        assertThat(ColorMode.ALWAYS.enabled(Map.of("NO_COLOR", "1"), false)).isTrue();
        assertThat(ColorMode.NEVER.enabled(Map.of(), true)).isFalse();
    }

    @Test
    void autoFollowsNoColorThenTheTerminal() {
        assertThat(ColorMode.AUTO.enabled(Map.of(), true)).isTrue();
        assertThat(ColorMode.AUTO.enabled(Map.of(), false)).isFalse();
        assertThat(ColorMode.AUTO.enabled(Map.of("NO_COLOR", "1"), true)).isFalse();
        assertThat(ColorMode.AUTO.enabled(Map.of("NO_COLOR", ""), true)).isTrue();
    }
}
