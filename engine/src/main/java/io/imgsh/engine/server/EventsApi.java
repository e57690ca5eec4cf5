package io.imgsh.engine.server;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.event.EventFeed;
import io.imgsh.engine.event.EventType;
import java.util.Set;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/** {@code GET /1.0/events?type=…}: the websocket of LXD's event stream, for trusted clients only, as in LXD. */
final class EventsApi {
    private final EventFeed feed;
    private final EventStreams streams;
    private final ServerWebSocketContainer websockets;

    EventsApi(EventFeed feed, EventStreams streams, ServerWebSocketContainer websockets) {
        this.feed = feed;
        this.streams = streams;
        this.websockets = websockets;
    }

    void stream(Call call) {
        if (!call.caller().trusted()) {
            throw ApiError.forbidden();
        }
        Set<EventType> types;
        try {
            types = EventType.parse(call.query("type").orElse(""));
        } catch (InvalidInputException e) {
            throw new ApiError(500, e.getMessage()); // LXD 5.0.2's status for an unknown type
        }
        if (!call.upgrade(websockets, (request, response, callback) ->
                new EventSocket(feed, streams, types, call.caller().address(), websockets.getMaxOutgoingFrames()))) {
            throw new ApiError(400, "Bad Request");
        }
    }
}
