package io.imgsh.engine.remote.lxd;

import java.time.Duration;

/**
 * How long the client follows an operation on an LXD server: {@code limit} for the whole wait, and at least
 * {@code pause} from one {@code /wait} request to the next when the server answers before the operation ends
 * (LXD holds a {@code /wait} until the operation ends or its {@code timeout}; a server that does not must not get a
 * stream of requests).
 */
record OperationWaits(Duration limit, Duration pause) {
    /**
     * An hour: the slowest operations waited for are a refresh, in which the server downloads the new image, and the
     * unpacking of a large upload, which take minutes, so an hour fails none that is making progress while a server
     * that never ends one does not hold a command or script forever ({@code lxc} itself waits without limit). A
     * second between early answers, so a misbehaving server gets at most one request a second.
     */
    static final OperationWaits DEFAULT = new OperationWaits(Duration.ofHours(1), Duration.ofSeconds(1));

    OperationWaits {
        if (limit.isNegative() || limit.isZero() || pause.isNegative()) {
            throw new IllegalArgumentException("invalid operation waits");
        }
    }
}
