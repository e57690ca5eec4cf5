package io.imgsh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XdgDirsTest {
    @Test
    void absoluteXdgValuesWinAndEmptyOrRelativeOnesFallBackUnderHome() {
        Map<String, String> set = Map.of("XDG_DATA_HOME", "/x/data", "XDG_CONFIG_HOME", "/x/config",
                "XDG_STATE_HOME", "/x/state", "HOME", "/u");
        assertThat(XdgDirs.data(set)).isEqualTo(Path.of("/x/data/imgsh"));
        assertThat(XdgDirs.config(set)).isEqualTo(Path.of("/x/config/imgsh"));
        assertThat(XdgDirs.state(set)).isEqualTo(Path.of("/x/state/imgsh"));

        Map<String, String> unusable = Map.of("XDG_DATA_HOME", "", "XDG_CONFIG_HOME", "relative",
                "XDG_STATE_HOME", " ", "HOME", "/u");
        assertThat(XdgDirs.data(unusable)).isEqualTo(Path.of("/u/.local/share/imgsh"));
        assertThat(XdgDirs.config(unusable)).isEqualTo(Path.of("/u/.config/imgsh"));
        assertThat(XdgDirs.state(unusable)).isEqualTo(Path.of("/u/.local/state/imgsh"));
    }
}
