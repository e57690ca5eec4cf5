package io.imgsh.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * imgsh's directories under the XDG base directories of an environment: {@code $XDG_DATA_HOME/imgsh} (the store),
 * {@code $XDG_CONFIG_HOME/imgsh} (client certificate), {@code $XDG_STATE_HOME/imgsh} (history). As the XDG
 * specification says, an empty or relative value is ignored and the default under {@code $HOME} is used.
 */
public final class XdgDirs {
    private XdgDirs() {
    }

    public static Path data(Map<String, String> env) {
        return base(env, "XDG_DATA_HOME", ".local", "share").resolve("imgsh");
    }

    public static Path config(Map<String, String> env) {
        return base(env, "XDG_CONFIG_HOME", ".config").resolve("imgsh");
    }

    public static Path state(Map<String, String> env) {
        return base(env, "XDG_STATE_HOME", ".local", "state").resolve("imgsh");
    }

    private static Path base(Map<String, String> env, String variable, String... underHome) {
        String value = env.get(variable);
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value);
        }
        String home = env.get("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home, underHome);
    }
}
