package io.imgsh.engine.mirror;

import java.util.List;

/**
 * What one mirror run did: the images it {@code added}, those matching that were here already ({@code kept}), those
 * it {@code removed} (no longer on the remote, no longer matching, or older than the newest N of their family), the
 * aliases it moved to follow the remote, and one line per image it failed to copy.
 */
public record MirrorReport(String remote, List<Item> added, List<Item> kept, List<Item> removed,
                           List<MovedAlias> movedAliases, List<String> failures) {
    public MirrorReport {
        added = List.copyOf(added);
        kept = List.copyOf(kept);
        removed = List.copyOf(removed);
        movedAliases = List.copyOf(movedAliases);
        failures = List.copyOf(failures);
    }

    /** An image and the family it belongs to ({@link Family}). */
    public record Item(String fingerprint, String family) {
    }

    /** An alias of the store that now points where the remote's does. */
    public record MovedAlias(String name, String from, String to) {
    }
}
