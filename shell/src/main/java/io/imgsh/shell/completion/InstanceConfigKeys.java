package io.imgsh.shell.completion;

import io.imgsh.engine.instance.Instance;

/**
 * The keys an instance takes ({@code security.privileged}, {@code raw.lxc}, {@code user.…}), when the first word
 * names an instance rather than a store key (which has a dot); {@code suffix} follows each ({@code =} to set one).
 */
final class InstanceConfigKeys implements ValueCompleter {
    private final String suffix;

    InstanceConfigKeys(String suffix) {
        this.suffix = suffix;
    }

    @Override
    public void complete(Slot slot) {
        if (!namesInstance(slot)) {
            return;
        }
        for (String key : Instance.SETTABLE) {
            slot.offer(key + suffix, Groups.VALUES, "instance key", suffix.isEmpty());
        }
        slot.offer(Instance.USER_PREFIX, Groups.VALUES, "user key (free-form)", false);
    }

    static boolean namesInstance(Slot slot) {
        return !slot.positionals().isEmpty() && !slot.positionals().get(0).contains(".");
    }
}
