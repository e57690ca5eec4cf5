package io.imgsh.shell.completion;

/** {@code image import} arguments: files, and the {@code remote:} prefix while no directory is typed. */
final class ImportArgs implements ValueCompleter {
    private final FileNames files = new FileNames(false);

    @Override
    public void complete(Slot slot) {
        files.complete(slot);
        if (!slot.typed().contains("/")) {
            RemotePrefixes.ALL.complete(slot);
        }
    }
}
