package io.imgsh.engine.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The writable fields of an image ({@code api.ImagePut}); {@code expiresAt} null means "leave unchanged". */
@JsonPropertyOrder({"auto_update", "properties", "public", "expires_at", "profiles"})
public record ImagePut(
        @JsonProperty("auto_update") boolean autoUpdate,
        Map<String, String> properties,
        @JsonProperty("public") boolean isPublic,
        @JsonProperty("expires_at") Instant expiresAt,
        List<String> profiles) {
}
