package io.imgsh.engine.instance;

/** The id mapping of unprivileged instances: ids 0…65535 inside are 1000000…1065535 on the host. */
final class IdMap {
    static final int HOST_ROOT = 1_000_000;
    static final int RANGE = 65_536;

    private IdMap() {
    }

    /** The {@code lxc.idmap} lines for uids and gids. */
    static String lxcLines() {
        return "lxc.idmap = u 0 " + HOST_ROOT + " " + RANGE + "\nlxc.idmap = g 0 " + HOST_ROOT + " " + RANGE + "\n";
    }
}
