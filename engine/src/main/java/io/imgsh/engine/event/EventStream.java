package io.imgsh.engine.event;

/** A stream of events being received ({@code imgsh monitor}): from a remote's {@code /1.0/events} or the store. */
public interface EventStream extends AutoCloseable {
    /** Waits until the stream ends: returns when it was closed here, fails when its source ended it. */
    void awaitEnd() throws InterruptedException;

    /** Ends the stream; {@link #awaitEnd} then returns. */
    @Override
    void close();
}
