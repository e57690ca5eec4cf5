package io.imgsh.engine.instance;

/** What {@code lxc-info -s} says of an instance, in LXD's words. */
public enum InstanceState {
    RUNNING, STOPPED, FROZEN;

    /** From LXC's state names; the transitional ones (STARTING, STOPPING, …) count as what they lead to. */
    static InstanceState ofLxc(String state) {
        return switch (state) {
            case "RUNNING", "STOPPING", "THAWED" -> RUNNING;
            case "FROZEN", "FREEZING" -> FROZEN;
            default -> STOPPED;
        };
    }
}
