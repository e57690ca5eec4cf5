package io.imgsh.store;

import java.time.Instant;

/** One entry of the append-only event log; {@code context} is a JSON object as text. */
public record EventRecord(long id, Instant timestamp, String action, String source, String context) {
}
