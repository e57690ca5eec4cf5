package io.imgsh.engine.instance;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.format.Messages;

/** The id mapping of unprivileged instances: ids 0…65535 inside are 1000000…1065535 on the host. */
final class IdMap {
    static final int HOST_ROOT = 1_000_000;
    static final int RANGE = 65_536;

    private IdMap() {
    }

    /**
     * The host's id for the image's {@code id} of {@code path} in an instance whose ids start at {@code offset} (0:
     * privileged). An unprivileged instance maps only ids 0…65535: any other would land on an arbitrary host id (a
     * setuid file of host root, say), so the image is refused, as it is for an id that is no id at all.
     */
    static int host(long id, int offset, String path) {
        long limit = offset == 0 ? Integer.MAX_VALUE : RANGE - 1;
        if (id < 0 || id > limit) {
            throw new InvalidInputException(Messages.printable(path) + " would be owned by id " + id
                    + (offset == 0 ? ", which is not a valid id" : ", outside the " + RANGE
                    + " ids an unprivileged instance maps"));
        }
        return (int) id + offset;
    }

    /** The {@code lxc.idmap} lines for uids and gids. */
    static String lxcLines() {
        return "lxc.idmap = u 0 " + HOST_ROOT + " " + RANGE + "\nlxc.idmap = g 0 " + HOST_ROOT + " " + RANGE + "\n";
    }
}
