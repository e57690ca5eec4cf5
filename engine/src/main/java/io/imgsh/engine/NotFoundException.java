package io.imgsh.engine;

/** The named image, alias, property or key does not exist. */
public class NotFoundException extends EngineException {
    public NotFoundException(String message) {
        super(message);
    }
}
