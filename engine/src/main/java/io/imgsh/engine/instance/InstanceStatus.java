package io.imgsh.engine.instance;

/** An instance and its state now, as {@code list} shows them. */
public record InstanceStatus(Instance instance, InstanceState state) {
}
