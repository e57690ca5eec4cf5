package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

/**
 * The race that a stopping server loses with Jetty's tracker alone (a stream opening as the stop begins) cannot be
 * forced through a real connection, so the sessions here are stand-ins that record how they were closed.
 */
class EventStreamsTest {
    private final List<String> closes = new ArrayList<>();

    @Test
    void endingClosesEveryOpenStreamWithTheStatusOfAServerGoingAway() {
        EventStreams streams = new EventStreams();
        Session first = session("first");
        Session gone = session("gone");
        assertThat(streams.opened(first)).isTrue();
        assertThat(streams.opened(gone)).isTrue();
        streams.closed(gone);

        streams.end();

        assertThat(closes).containsExactly("first 1001 Container being shut down");
    }

    @Test
    void aStreamThatOpensAfterTheEndIsClosedAsItOpens() {
        EventStreams streams = new EventStreams();
        streams.end();

        assertThat(streams.opened(session("late"))).isFalse();
        assertThat(closes).containsExactly("late 1001 Container being shut down");
        streams.end();
        assertThat(closes).hasSize(1);
    }

    private Session session(String name) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> {
                        closes.add(name + " " + args[0] + " " + args[1]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

}
