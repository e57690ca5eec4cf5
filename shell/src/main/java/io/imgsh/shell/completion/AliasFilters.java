package io.imgsh.shell.completion;

/** {@code image alias list} filters: the remote prefix (first filter only), then aliases. */
final class AliasFilters implements ValueCompleter {
    private final AliasNames aliases = new AliasNames();

    @Override
    public void complete(Slot slot) {
        if (slot.positionals().isEmpty()) {
            RemotePrefixes.ALL.complete(slot);
        }
        aliases.complete(slot);
    }
}
