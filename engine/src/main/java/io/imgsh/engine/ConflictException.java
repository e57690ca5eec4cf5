package io.imgsh.engine;

/** The change collides with something that already exists (duplicate image, alias name, stale ETag). */
public class ConflictException extends EngineException {
    public ConflictException(String message) {
        super(message);
    }
}
