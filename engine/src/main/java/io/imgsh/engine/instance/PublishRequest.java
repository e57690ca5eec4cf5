package io.imgsh.engine.instance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code publish} asks for: the instance ({@code name} or {@code name/snapshot}), the remote that gets the image
 * ({@code local}: the store), the aliases and visibility of the new image, its compression (null:
 * {@code images.compression_algorithm}), whether a running instance may be published (frozen meanwhile), and
 * properties added to those of the instance's image.
 */
public record PublishRequest(String instance, String remote, List<String> aliases, boolean isPublic, String compression,
                             boolean force, Map<String, String> properties) {
    public PublishRequest {
        aliases = List.copyOf(aliases);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
