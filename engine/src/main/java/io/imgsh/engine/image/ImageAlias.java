package io.imgsh.engine.image;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An alias as it appears inside an image object. */
@JsonPropertyOrder({"name", "description"})
public record ImageAlias(String name, String description) {
}
