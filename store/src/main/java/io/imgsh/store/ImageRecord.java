package io.imgsh.store;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stored image with everything that hangs off it. Properties are kept sorted by key, as LXD prints them.
 *
 * @param split       true when the image has a separate rootfs file ({@code images/<fp>.rootfs})
 * @param lastUsedAt  null when never used
 * @param updateSource null when the image was not fetched by alias
 */
public record ImageRecord(
        String fingerprint,
        String filename,
        long size,
        boolean split,
        String type,
        String architecture,
        boolean isPublic,
        boolean autoUpdate,
        boolean cached,
        Instant createdAt,
        Instant expiresAt,
        Instant uploadedAt,
        Instant lastUsedAt,
        Map<String, String> properties,
        List<String> profiles,
        List<AliasRecord> aliases,
        UpdateSourceRecord updateSource) {

    public ImageRecord {
        properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties));
        profiles = List.copyOf(profiles);
        aliases = List.copyOf(aliases);
    }
}
