package io.imgsh.engine.remote.direct;

import java.util.List;
import java.util.Map;

/**
 * {@code image import https://… [--alias A]... [--public] [key=value]...}.
 *
 * @param properties override the metadata.yaml properties; an empty value removes the key
 */
public record DirectImportRequest(String url, List<String> aliases, boolean isPublic,
                                  Map<String, String> properties) {
    public DirectImportRequest {
        aliases = List.copyOf(aliases);
        properties = Map.copyOf(properties);
    }
}
