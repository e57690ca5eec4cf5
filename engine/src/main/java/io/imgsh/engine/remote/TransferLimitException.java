package io.imgsh.engine.remote;

import java.io.IOException;

/**
 * A download that broke one of its {@link TransferLimits}: stalled, too slow or too large. Its message is the whole
 * one-line error; it is never resumed (a server that misbehaves once is not asked again).
 */
public final class TransferLimitException extends IOException {
    public TransferLimitException(String message) {
        super(message);
    }
}
