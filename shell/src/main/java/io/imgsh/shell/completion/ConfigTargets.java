package io.imgsh.shell.completion;

/** The first word of {@code config get|set|unset}: a store key or an instance's name. */
final class ConfigTargets implements ValueCompleter {
    private final ConfigKeys keys = new ConfigKeys();
    private final InstanceNames instances = new InstanceNames();

    @Override
    public void complete(Slot slot) {
        keys.complete(slot);
        instances.complete(slot);
    }
}
