package io.imgsh.engine.image;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An alias as {@code image alias list} shows it: name, target fingerprint and the target's type. */
@JsonPropertyOrder({"description", "target", "name", "type"})
public record AliasEntry(String description, String target, String name, String type) {
}
