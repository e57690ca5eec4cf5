package io.imgsh.engine.instance;

import java.util.Locale;

/** What {@code lxc-info -s} says of an instance, in LXD's words. */
public enum InstanceState {
    RUNNING, STOPPED, FROZEN;

    /** LXD's spelling: {@code Running}, {@code Stopped}, {@code Frozen}. */
    public String display() {
        String lower = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** From LXC's state names; the transitional ones (STARTING, STOPPING, …) count as what they lead to. */
    static InstanceState ofLxc(String state) {
        return switch (state) {
            case "RUNNING", "STOPPING", "THAWED" -> RUNNING;
            case "FROZEN", "FREEZING" -> FROZEN;
            default -> STOPPED;
        };
    }
}
