package io.imgsh.shell.completion;

import io.imgsh.engine.config.ConfigKey;

/** For the config key the first parameter names: its default. */
final class ConfigValues implements ValueCompleter {
    @Override
    public void complete(Slot slot) {
        if (slot.positionals().isEmpty()) {
            return;
        }
        ConfigKey.find(slot.positionals().get(0))
                .ifPresent(key -> slot.offer(key.defaultValue(), Groups.VALUES, "default", true));
    }
}
