package io.imgsh.store;

import java.time.Instant;
import java.util.List;

/**
 * A mirror of a remote kept in the store: which of its images it copies and how many of each family it keeps.
 *
 * @param keep    the newest images kept per family; 0 keeps every matching image
 * @param lastRun null until the first run ended
 */
public record MirrorRecord(String remote, List<String> filters, int keep, boolean autoUpdate, Instant lastRun) {
    public MirrorRecord {
        filters = List.copyOf(filters);
    }
}
