package io.imgsh.engine;

/** The input (a file, a value, a YAML document) is not acceptable. */
public class InvalidInputException extends EngineException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
