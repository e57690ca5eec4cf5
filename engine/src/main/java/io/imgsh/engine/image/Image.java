package io.imgsh.engine.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.imgsh.engine.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An image with LXD's {@code api.Image} field names and wire order. Timestamps never set are {@link io.imgsh.engine.json.ApiTime#NEVER}. */
@JsonPropertyOrder({"auto_update", "properties", "public", "expires_at", "profiles", "aliases", "architecture",
        "cached", "filename", "fingerprint", "size", "update_source", "type", "created_at", "last_used_at",
        "uploaded_at"})
public record Image(
        @JsonProperty("auto_update") boolean autoUpdate,
        Map<String, String> properties,
        @JsonProperty("public") boolean isPublic,
        @JsonProperty("expires_at") Instant expiresAt,
        List<String> profiles,
        List<ImageAlias> aliases,
        String architecture,
        boolean cached,
        String filename,
        String fingerprint,
        long size,
        @JsonProperty("update_source") @JsonInclude(JsonInclude.Include.NON_NULL) UpdateSource updateSource,
        String type,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("last_used_at") Instant lastUsedAt,
        @JsonProperty("uploaded_at") Instant uploadedAt) {

    /** The first 12 hex digits, as lists show a fingerprint. */
    public String shortFingerprint() {
        return fingerprint.substring(0, Math.min(12, fingerprint.length()));
    }

    /** The shortest alias name (the earliest of equally short ones), or "" when the image has none. */
    public String shortestAlias() {
        String shortest = "";
        for (ImageAlias a : aliases) {
            if (shortest.isEmpty() || a.name().length() < shortest.length()) {
                shortest = a.name();
            }
        }
        return shortest;
    }

    /** The value of property {@code key}; {@link NotFoundException} when the image has none. */
    public String property(String key) {
        String value = properties.get(key);
        if (value == null) {
            throw new NotFoundException("Property not found");
        }
        return value;
    }

    /** The writable subset, as {@code image show} prints it. */
    public ImagePut writable() {
        return new ImagePut(autoUpdate, properties, isPublic, expiresAt, profiles);
    }
}
