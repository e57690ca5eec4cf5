package io.imgsh.engine.instance;

import java.util.List;

/** An instance, its state now and its snapshots, as {@code list} and {@code info} show them. */
public record InstanceStatus(Instance instance, InstanceState state, List<String> snapshots) {
    public InstanceStatus {
        snapshots = List.copyOf(snapshots);
    }
}
