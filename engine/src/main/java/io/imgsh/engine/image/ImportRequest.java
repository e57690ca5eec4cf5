package io.imgsh.engine.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An import of a unified tarball ({@code rootfs} null) or a split image.
 *
 * @param properties override the metadata.yaml properties; an empty value removes the key
 */
public record ImportRequest(Path metadata, Path rootfs, List<String> aliases, boolean isPublic,
                            Map<String, String> properties) {
    public ImportRequest {
        aliases = List.copyOf(aliases);
        properties = Map.copyOf(properties);
    }
}
