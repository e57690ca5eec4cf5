package io.imgsh.shell.render;

import io.imgsh.engine.instance.Instance;
import io.imgsh.engine.instance.InstanceStatus;

/** What {@code info} prints about an instance (the instance browser shows the same). */
public final class InstanceInfoText {
    private InstanceInfoText() {
    }

    public static String of(InstanceStatus status) {
        Instance instance = status.instance();
        StringBuilder sb = new StringBuilder();
        sb.append("Name: ").append(instance.name()).append('\n');
        sb.append("Status: ").append(status.state()).append('\n');
        sb.append("Type: container").append(instance.ephemeral() ? " (ephemeral)" : "").append('\n');
        sb.append("Architecture: ").append(instance.architecture()).append('\n');
        sb.append("Created: ").append(instance.createdAt()).append('\n');
        sb.append("Base image: ").append(instance.baseImage()).append('\n');
        sb.append("Privileged: ").append(instance.privileged()).append('\n');
        if (!status.snapshots().isEmpty()) {
            sb.append("\nSnapshots:\n");
            status.snapshots().forEach(s -> sb.append("  ").append(s).append('\n'));
        }
        return sb.toString();
    }
}
