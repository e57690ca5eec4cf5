package io.imgsh.engine.server;

import io.imgsh.engine.event.EventFeed;
import io.imgsh.engine.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /1.0/events} client: the feed's frames of the types it asked for, sent without waiting. It subscribes
 * when the upgrade is accepted, before the client hears so, so that every change made after the client's connect
 * returns reaches it; frames that come before the websocket is open wait for it. The session's outgoing queue is
 * bounded (the container's {@code maxOutgoingFrames}); a client that lets it fill has fallen behind and is
 * disconnected, so that it never holds up the feed or the other clients.
 */
public final class EventSocket implements Session.Listener.AutoDemanding, Consumer<String> {
    private static final Logger LOG = LoggerFactory.getLogger(EventSocket.class);

    private final EventStreams streams;
    private final String client;
    private final int backlog;
    private final EventFeed.Subscription subscription;
    /** Frames for a websocket not open yet; null once it is. Guarded by {@code this}. */
    private List<String> early = new ArrayList<>();
    private volatile Session session;

    EventSocket(EventFeed feed, EventStreams streams, Set<EventType> types, String client, int backlog) {
        this.streams = streams;
        this.client = client;
        this.backlog = backlog;
        this.subscription = feed.subscribe(types, this);
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        if (!streams.opened(opened)) { // the server is stopping: the stream is closed as it opens
            subscription.close();
            return;
        }
        synchronized (this) {
            session = opened;
            early.forEach(this::send); // before any later frame, which waits for this lock
            early = null;
        }
    }

    @Override
    public void accept(String frame) {
        synchronized (this) {
            if (early != null) {
                if (early.size() < backlog) {
                    early.add(frame);
                } else {
                    subscription.close(); // an upgrade that never completed
                }
                return;
            }
        }
        send(frame);
    }

    private void send(String frame) {
        session.sendText(frame, Callback.from(() -> { }, this::fellBehind));
    }

    private void fellBehind(Throwable why) {
        subscription.close();
        if (session.isOpen()) {
            LOG.info("Events client {} disconnected: it did not keep up ({})", client, why.toString());
            session.disconnect();
        }
    }

    @Override
    public void onWebSocketClose(int status, String reason) {
        streams.closed(session);
        subscription.close();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("Events client {}: {}", client, cause.toString());
        streams.closed(session);
        subscription.close();
    }
}
