package io.imgsh.engine;

/** A failure the user can act on; its message is the one line shown after {@code Error: }. */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
