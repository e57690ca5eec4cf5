package io.imgsh.store;

/** The store cannot be used: unreadable database, newer schema, I/O failure. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
