package io.imgsh.engine.event;

import java.time.Instant;

/**
 * One change to the store, by any process, as LXD names its lifecycle events ({@code image-created}, …).
 *
 * @param id      its place in the log: later changes have greater ids
 * @param source  the API path of what changed ({@code /1.0/images/<fp>})
 * @param context a JSON object as text
 */
public record Event(long id, Instant timestamp, String action, String source, String context) {
}
