package io.imgsh.engine.server;

import io.imgsh.engine.event.EventFeed;
import io.imgsh.engine.event.EventType;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /1.0/events} client: the feed's frames of the types it asked for, sent without waiting. The session's
 * outgoing queue is bounded (the container's {@code maxOutgoingFrames}); a client that lets it fill has fallen
 * behind and is disconnected, so that it never holds up the feed or the other clients.
 */
public final class EventSocket implements Session.Listener.AutoDemanding, Consumer<String> {
    private static final Logger LOG = LoggerFactory.getLogger(EventSocket.class);

    private final EventFeed feed;
    private final Set<EventType> types;
    private final String client;
    private volatile Session session;
    private volatile EventFeed.Subscription subscription;

    EventSocket(EventFeed feed, Set<EventType> types, String client) {
        this.feed = feed;
        this.types = types;
        this.client = client;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        subscription = feed.subscribe(types, this);
    }

    @Override
    public void accept(String frame) {
        session.sendText(frame, Callback.from(() -> { }, this::fellBehind));
    }

    private void fellBehind(Throwable why) {
        if (session.isOpen()) {
            LOG.info("Events client {} disconnected: it did not keep up ({})", client, why.toString());
            session.disconnect();
        }
        unsubscribe();
    }

    @Override
    public void onWebSocketClose(int status, String reason) {
        unsubscribe();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("Events client {}: {}", client, cause.toString());
        unsubscribe();
    }

    private void unsubscribe() {
        EventFeed.Subscription current = subscription;
        if (current != null) {
            current.close();
        }
    }
}
