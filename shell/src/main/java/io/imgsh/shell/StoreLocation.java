package io.imgsh.shell;

import java.nio.file.Path;
import java.util.Map;

/** Where the store lives: {@code --home}, else {@code IMGSH_HOME}, else {@code $XDG_DATA_HOME/imgsh}. */
public final class StoreLocation {
    private StoreLocation() {
    }

    public static Path resolve(Path homeOption, Map<String, String> env) {
        if (homeOption != null) {
            return homeOption;
        }
        String explicit = env.get("IMGSH_HOME");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "imgsh");
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "share", "imgsh");
    }
}
