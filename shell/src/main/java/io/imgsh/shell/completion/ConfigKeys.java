package io.imgsh.shell.completion;

import io.imgsh.engine.config.ConfigKey;

/** The config keys, each described with its default. */
final class ConfigKeys implements ValueCompleter {
    @Override
    public void complete(Slot slot) {
        for (ConfigKey key : ConfigKey.values()) {
            slot.offer(key.key(), Groups.VALUES, key.description() + " (default " + key.defaultText() + ")", true);
        }
    }
}
