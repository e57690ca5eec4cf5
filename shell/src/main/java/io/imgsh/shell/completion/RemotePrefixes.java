package io.imgsh.shell.completion;

import java.util.List;
import java.util.function.Function;

/** {@code remote:} for each remote whose name fits what is typed, left open for the name after it. */
final class RemotePrefixes implements ValueCompleter {
    static final RemotePrefixes ALL = new RemotePrefixes(CompletionSource::remotes);
    /** The remotes an image can be copied to. */
    static final RemotePrefixes WRITABLE = new RemotePrefixes(CompletionSource::writableRemotes);

    private final Function<CompletionSource, List<String>> remotes;

    private RemotePrefixes(Function<CompletionSource, List<String>> remotes) {
        this.remotes = remotes;
    }

    @Override
    public void complete(Slot slot) {
        if (slot.remoteTyped()) {
            return;
        }
        for (String r : remotes.apply(slot.data())) {
            slot.offer(r + ":", Groups.REMOTES, "remote " + r, false);
        }
    }
}
