package io.imgsh.engine.server;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The open {@code /1.0/events} websockets, which stopping the server ends before it stops Jetty. Jetty's own tracker
 * learns of a session only after the session's open has run, so a stream whose opening raced the stop escaped it,
 * set its connection's idle timeout back to none, and held the graceful stop for its whole timeout.
 */
final class EventStreams {
    static final String ENDED = "Container being shut down";

    private final Set<Session> open = new HashSet<>();
    private boolean ended;

    /** Counts {@code session} as open; once the streams have ended, closes it instead and says false. */
    boolean opened(Session session) {
        synchronized (this) {
            if (!ended) {
                open.add(session);
                return true;
            }
        }
        end(session);
        return false;
    }

    synchronized void closed(Session session) {
        open.remove(session);
    }

    /** Closes every open stream, and each that opens from now on, with 1001, the status of a server going away. */
    void end() {
        List<Session> closing;
        synchronized (this) { // released before closing: a close may call back into closed() on another thread
            ended = true;
            closing = List.copyOf(open);
            open.clear();
        }
        closing.forEach(EventStreams::end);
    }

    private static void end(Session session) {
        session.close(StatusCode.SHUTDOWN, ENDED, Callback.NOOP);
    }
}
