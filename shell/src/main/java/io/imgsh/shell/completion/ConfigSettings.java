package io.imgsh.shell.completion;

import io.imgsh.engine.instance.Instance;

/**
 * What follows the first word of {@code config set}: an instance's {@code KEY=} (and {@code true}/{@code false} for
 * {@code security.privileged=}), or the value of the store key named first.
 */
final class ConfigSettings implements ValueCompleter {
    private final InstanceConfigKeys keys = new InstanceConfigKeys(true);
    private final ConfigValues values = new ConfigValues();

    @Override
    public void complete(Slot slot) {
        if (!InstanceConfigKeys.namesInstance(slot)) {
            values.complete(slot);
        } else if (slot.typed().startsWith(Instance.PRIVILEGED + "=")) {
            for (String value : new String[] {"true", "false"}) {
                slot.offer(Instance.PRIVILEGED + "=" + value, Groups.VALUES, "", true);
            }
        } else {
            keys.complete(slot);
        }
    }
}
