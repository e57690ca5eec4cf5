package io.imgsh.shell.completion;

import io.imgsh.engine.config.ConfigKey;
import java.util.List;

/** For the config key the first parameter names: true and false for a flag, else its default. */
final class ConfigValues implements ValueCompleter {
    @Override
    public void complete(Slot slot) {
        if (slot.positionals().isEmpty()) {
            return;
        }
        ConfigKey.find(slot.positionals().get(0)).ifPresent(key -> {
            String def = key.defaultValue();
            if (def.equals("true") || def.equals("false")) {
                for (String b : List.of("true", "false")) {
                    slot.offer(b, Groups.VALUES, b.equals(def) ? "default" : null, true);
                }
            } else {
                slot.offer(def, Groups.VALUES, "default", true);
            }
        });
    }
}
