package io.imgsh.engine.image;

import io.imgsh.engine.EngineException;

/**
 * A download arrived whole but its bytes are not what the source announced (size or hash): unlike a transfer that
 * broke off, nothing of it is worth continuing.
 */
public final class WrongBytesException extends EngineException {
    public WrongBytesException(String message) {
        super(message);
    }

    public WrongBytesException(String message, Throwable cause) {
        super(message, cause);
    }
}
