package io.imgsh.shell.completion;

/** The current value of the property the first two parameters name (image, key). */
final class PropertyValues implements ValueCompleter {
    @Override
    public void complete(Slot slot) {
        if (slot.positionals().size() < 2) {
            return;
        }
        slot.data().image(slot.positionals().get(0)).map(i -> i.properties().get(slot.positionals().get(1)))
                .ifPresent(v -> slot.offer(v, Groups.VALUES, "current value", true));
    }
}
