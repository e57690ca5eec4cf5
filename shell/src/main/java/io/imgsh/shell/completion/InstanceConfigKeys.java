package io.imgsh.shell.completion;

import io.imgsh.engine.instance.Instance;
import java.util.Map;

/**
 * An instance's keys, when the first word names an instance rather than a store key (which has a dot): for
 * {@code get} and {@code unset} the keys it has, each with its value, and those it may be given; for {@code set}
 * ({@code assign}) the keys it may be given, followed by {@code =}.
 */
final class InstanceConfigKeys implements ValueCompleter {
    private final boolean assign;

    InstanceConfigKeys(boolean assign) {
        this.assign = assign;
    }

    @Override
    public void complete(Slot slot) {
        if (!namesInstance(slot)) {
            return;
        }
        Map<String, String> config = assign ? Map.of() : slot.data().instanceConfig(slot.positionals().get(0));
        config.forEach((key, value) -> slot.offer(key, Groups.VALUES, "= " + value, true));
        for (String key : Instance.SETTABLE) {
            if (!config.containsKey(key)) {
                slot.offer(assign ? key + "=" : key, Groups.VALUES, "instance key", !assign);
            }
        }
        slot.offer(Instance.USER_PREFIX, Groups.VALUES, "user key (free-form)", false);
    }

    static boolean namesInstance(Slot slot) {
        return !slot.positionals().isEmpty() && !slot.positionals().get(0).contains(".");
    }
}
