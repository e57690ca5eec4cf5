package io.imgsh.shell.session;

import io.imgsh.engine.XdgDirs;
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
        return XdgDirs.data(env);
    }
}
