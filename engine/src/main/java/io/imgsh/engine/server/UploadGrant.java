package io.imgsh.engine.server;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImagePut;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.json.ApiTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an upload token gives the image uploaded with it, as the trusted client asked when it made the token (a push:
 * {@code lxc image copy --mode push}): aliases, public, extra properties, an expiry. {@link #NONE} for an upload
 * without a token.
 */
record UploadGrant(List<String> aliases, boolean isPublic, Map<String, String> properties, Instant expiresAt) {
    static final UploadGrant NONE = new UploadGrant(List.of(), false, Map.of(), null);

    static UploadGrant of(ImagesPost.Request request) {
        Instant expiresAt = null;
        if (request.expiresAt() != null && !request.expiresAt().isEmpty()) {
            try {
                expiresAt = ApiTime.parse(request.expiresAt());
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "Invalid \"expires_at\": " + e.getMessage());
            }
        }
        return new UploadGrant(request.aliasNames(), request.isPublic(), request.extraProperties(), expiresAt);
    }

    /** Read back from the token's metadata, which {@link #metadata()} wrote. */
    @SuppressWarnings("unchecked")
    static UploadGrant of(Map<String, Object> metadata) {
        List<ImagesPost.Alias> aliases = (List<ImagesPost.Alias>) metadata.get("aliases");
        return new UploadGrant(aliases.stream().map(ImagesPost.Alias::name).toList(),
                (Boolean) metadata.get("public"), (Map<String, String>) metadata.get("properties"),
                (Instant) metadata.get("expires_at"));
    }

    /** The token operation's metadata, with LXD's field names (the client reads none of them back but the secret). */
    Map<String, Object> metadata() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("aliases", aliases.stream().map(name -> new ImagesPost.Alias(name, "")).toList());
        metadata.put("expires_at", expiresAt);
        metadata.put("properties", properties);
        metadata.put("public", isPublic);
        return metadata;
    }

    /**
     * Gives the stored image what was granted that the upload itself does not carry: the aliases (an alias that
     * exists fails, as in LXD) and an expiry (Go's zero time, which clients send for none, keeps the image's own).
     */
    void applyTo(StoreImages images, String fingerprint) {
        if (expiresAt != null && expiresAt.isAfter(Instant.EPOCH)) {
            Image image = images.get(fingerprint);
            images.update(fingerprint, new ImagePut(image.autoUpdate(), new TreeMap<>(image.properties()),
                    image.isPublic(), expiresAt, image.profiles()));
        }
        for (String alias : aliases) {
            if (images.alias(alias).isPresent()) {
                throw new ConflictException("Alias already exists: " + alias);
            }
            images.createAlias(alias, fingerprint, "");
        }
    }
}
