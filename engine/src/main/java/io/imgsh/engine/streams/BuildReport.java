package io.imgsh.engine.streams;

import java.util.List;

/**
 * What {@code streams build} did: the images and products now published, the files it added and removed (paths
 * relative to the tree), the JSON and direct-protocol files it rewrote, and notes on what it could not publish.
 */
public record BuildReport(int images, int products, List<String> added, List<String> removed, List<String> rewritten,
                          List<String> notes) {
    public BuildReport {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        rewritten = List.copyOf(rewritten);
        notes = List.copyOf(notes);
    }

    /** True when the tree was already what the store asked for: nothing was written. */
    public boolean unchanged() {
        return added.isEmpty() && removed.isEmpty() && rewritten.isEmpty();
    }
}
