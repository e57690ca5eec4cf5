package io.imgsh.store;

/** An alias: a unique name pointing at one image; {@code type} is the target image's type. */
public record AliasRecord(String name, String description, String target, String type) {
}
