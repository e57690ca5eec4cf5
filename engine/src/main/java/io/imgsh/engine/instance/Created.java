package io.imgsh.engine.instance;

/** A new instance, and how many bytes of its image were downloaded (0: the image was in the store). */
public record Created(Instance instance, long downloaded) {
}
