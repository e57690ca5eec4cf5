package io.imgsh.shell.completion;

/** The name of a remote ({@code remote switch|remove|rename|set-url}). */
final class ExistingRemotes implements ValueCompleter {
    @Override
    public void complete(Slot slot) {
        for (String r : slot.data().remotes()) {
            slot.offer(r, Groups.REMOTES, "remote", true);
        }
    }
}
