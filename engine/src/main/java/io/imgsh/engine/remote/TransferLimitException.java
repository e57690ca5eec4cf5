package io.imgsh.engine.remote;

import java.io.IOException;

/**
 * A download that broke one of its {@link TransferLimits}: stalled, too slow or too large. Its message is the whole
 * one-line error; it is never resumed (a server that misbehaves once is not asked again).
 */
public final class TransferLimitException extends IOException {
    private final boolean oversize;

    public TransferLimitException(String message) {
        this(message, false);
    }

    /** @param oversize whether more bytes arrived than allowed (rather than too few, too slowly) */
    TransferLimitException(String message, boolean oversize) {
        super(message);
        this.oversize = oversize;
    }

    /** Whether more bytes arrived than the server announced or the limit allows: they are not the image's. */
    public boolean oversize() {
        return oversize;
    }
}
