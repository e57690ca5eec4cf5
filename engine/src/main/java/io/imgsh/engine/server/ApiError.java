package io.imgsh.engine.server;

/** A request the API answers with an error envelope: LXD's status code and message. */
final class ApiError extends RuntimeException {
    private final int status;

    ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    /** What LXD answers an untrusted client for anything it may not do. */
    static ApiError forbidden() {
        return new ApiError(403, "not authorized");
    }
}
