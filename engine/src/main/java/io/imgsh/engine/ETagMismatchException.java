package io.imgsh.engine;

/** An {@code If-Match} ETag that is no longer the current one: the thing changed since the caller read it. */
public final class ETagMismatchException extends ConflictException {
    private final String current;
    private final String given;

    public ETagMismatchException(String current, String given, String what) {
        super("ETag doesn't match: " + current + " vs " + given + " (the " + what + " changed since it was read)");
        this.current = current;
        this.given = given;
    }

    public String current() {
        return current;
    }

    public String given() {
        return given;
    }
}
