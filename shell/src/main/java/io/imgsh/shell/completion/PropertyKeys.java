package io.imgsh.shell.completion;

/** The property keys of the image the command's first parameter names, each with its value. */
final class PropertyKeys implements ValueCompleter {
    @Override
    public void complete(Slot slot) {
        if (slot.positionals().isEmpty()) {
            return;
        }
        slot.data().image(slot.positionals().get(0)).ifPresent(image -> image.properties().forEach((k, v) ->
                slot.offer(k, Groups.PROPERTIES, "= " + v, true)));
    }
}
