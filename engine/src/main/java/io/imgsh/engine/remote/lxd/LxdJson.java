package io.imgsh.engine.remote.lxd;

import com.fasterxml.jackson.databind.JsonNode;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import io.imgsh.engine.image.UpdateSource;
import io.imgsh.engine.json.ApiTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** LXD's {@code api.Image} and {@code api.ImageAliasesEntry} JSON as the engine's records. */
final class LxdJson {
    private LxdJson() {
    }

    static Image image(JsonNode n) {
        Map<String, String> properties = new LinkedHashMap<>();
        n.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
        List<String> profiles = new ArrayList<>();
        n.path("profiles").forEach(p -> profiles.add(p.asText()));
        List<ImageAlias> aliases = new ArrayList<>();
        n.path("aliases").forEach(a -> aliases.add(new ImageAlias(a.path("name").asText(),
                a.path("description").asText(""))));
        UpdateSource source = null;
        JsonNode us = n.path("update_source");
        if (us.isObject()) {
            source = new UpdateSource(us.path("alias").asText(""), us.path("certificate").asText(""),
                    us.path("protocol").asText(""), us.path("server").asText(""), us.path("image_type").asText(""));
        }
        String type = n.path("type").asText("");
        return new Image(n.path("auto_update").asBoolean(), Collections.unmodifiableMap(properties),
                n.path("public").asBoolean(), time(n, "expires_at"), profiles, aliases,
                n.path("architecture").asText(""), n.path("cached").asBoolean(), n.path("filename").asText(""),
                n.path("fingerprint").asText(""), n.path("size").asLong(), source, type.isEmpty() ? "container" : type,
                time(n, "created_at"), time(n, "last_used_at"), time(n, "uploaded_at"));
    }

    static AliasEntry alias(JsonNode a) {
        return new AliasEntry(a.path("description").asText(""), a.path("target").asText(""), a.path("name").asText(""),
                a.path("type").asText("container"));
    }

    private static Instant time(JsonNode n, String field) {
        String text = n.path(field).asText("");
        if (text.isEmpty()) {
            return ApiTime.NEVER;
        }
        try {
            Instant t = ApiTime.parse(text);
            return t == null ? ApiTime.NEVER : t;
        } catch (IllegalArgumentException e) {
            return ApiTime.NEVER;
        }
    }
}
