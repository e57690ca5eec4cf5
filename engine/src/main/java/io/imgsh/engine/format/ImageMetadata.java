package io.imgsh.engine.format;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validated content of metadata.yaml. {@code expiryDate} is {@link Instant#EPOCH} when absent or
 * 0. Properties keep file order, values as strings (numbers and booleans as their YAML text);
 * templates are keyed by target path, in file order.
 */
public record ImageMetadata(String architecture, Instant creationDate, Instant expiryDate,
                            Map<String, String> properties, Map<String, Template> templates) {
    public ImageMetadata {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
    }
}
