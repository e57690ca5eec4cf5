package io.imgsh.shell.completion;

import java.util.Locale;
import java.util.Map;

/** The lower-case names of an enum's constants, as the option parses them, with descriptions where given. */
final class EnumNames implements ValueCompleter {
    private final Enum<?>[] constants;
    private final Map<String, String> descriptions;

    EnumNames(Enum<?>[] constants, Map<String, String> descriptions) {
        this.constants = constants.clone();
        this.descriptions = Map.copyOf(descriptions);
    }

    @Override
    public void complete(Slot slot) {
        for (Enum<?> constant : constants) {
            String name = constant.name().toLowerCase(Locale.ROOT);
            slot.offer(name, Groups.VALUES, descriptions.get(name), true);
        }
    }
}
