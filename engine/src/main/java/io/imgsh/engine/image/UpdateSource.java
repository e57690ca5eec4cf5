package io.imgsh.engine.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Where an image fetched by alias came from. */
@JsonPropertyOrder({"alias", "certificate", "protocol", "server", "image_type"})
public record UpdateSource(String alias, String certificate, String protocol, String server,
                           @JsonProperty("image_type") String imageType) {
}
