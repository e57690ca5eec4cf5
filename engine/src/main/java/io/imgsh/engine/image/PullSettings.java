package io.imgsh.engine.image;

import java.time.Instant;

/**
 * How an image copied from another place is kept here.
 *
 * @param lastUsedAt   null when never used
 * @param updateSource where it is refreshed from; null when it is not (copied by fingerprint)
 */
public record PullSettings(boolean isPublic, boolean autoUpdate, boolean cached, Instant lastUsedAt,
                           UpdateSource updateSource) {
}
