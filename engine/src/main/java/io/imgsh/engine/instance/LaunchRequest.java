package io.imgsh.engine.instance;

import io.imgsh.engine.image.ImageRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code init} and {@code launch} ask for: the image, the name (null: made up) and {@code -c} keys. */
public record LaunchRequest(ImageRef image, String name, Map<String, String> config, boolean ephemeral) {
    public LaunchRequest {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }
}
