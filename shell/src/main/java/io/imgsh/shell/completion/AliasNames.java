package io.imgsh.shell.completion;

import io.imgsh.engine.image.AliasEntry;

/** An existing alias of the local store, described by its target and description. */
final class AliasNames implements ValueCompleter {
    private static final int SHORT_TARGET = 12;

    @Override
    public void complete(Slot slot) {
        if (!slot.local()) {
            return;
        }
        String name = slot.name();
        for (AliasEntry a : slot.data().aliases()) {
            if (a.name().startsWith(name)) {
                String target = "→ " + a.target().substring(0, Math.min(SHORT_TARGET, a.target().length()));
                slot.add(slot.referencePrefix() + a.name(), a.name(), Groups.ALIASES, Descriptions.shorten(
                        a.description() == null || a.description().isEmpty()
                                ? target : target + " " + a.description()), true);
            }
        }
    }
}
