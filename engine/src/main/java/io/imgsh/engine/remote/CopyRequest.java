package io.imgsh.engine.remote;

import java.util.List;

/** What {@code image copy} asks for besides the source. */
public record CopyRequest(List<String> aliases, boolean copyAliases, boolean autoUpdate, boolean isPublic) {
    public CopyRequest {
        aliases = List.copyOf(aliases);
    }
}
