package io.imgsh.engine.event;

/**
 * Told of every change to a server-side operation (created, progress in its metadata, finished), so that the
 * {@code /1.0/events} stream can carry it as LXD's {@code operation} events.
 */
@FunctionalInterface
public interface OperationListener {
    /** {@code operation}: the operation as {@code GET /1.0/operations/<id>} shows it now (any JSON-writable value). */
    void operationChanged(Object operation);
}
