package io.imgsh.engine.streams;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a static server answers for {@code https://host/<alias>} so that {@code lxc image import} finds a unified image:
 * {@code LXD-Image-Hash} (the fingerprint) and {@code LXD-Image-URL} (where its file is: {@code url}, a path from the
 * root of the tree, made absolute with the request's scheme and host).
 */
@JsonPropertyOrder({"LXD-Image-Hash", "LXD-Image-URL"})
record DirectEntry(@JsonIgnore String alias, @JsonProperty("LXD-Image-Hash") String fingerprint,
                   @JsonProperty("LXD-Image-URL") String url) {
    /** The headers of every alias, by alias, for web servers other than nginx. */
    static final String PATH = "direct/aliases.json";
}
