package io.imgsh.engine.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imgsh.engine.json.GoJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of one store as LXD's {@code /1.0/events} frames: one thread tails the store's event log (written by
 * every process sharing the store) and hands each new row, as a {@code lifecycle} event, to every subscriber that
 * wants that type; operation changes come in through {@link OperationListener}. Subscribers must not block: they are
 * called on the tailing thread (or the operation's), one at a time.
 */
public final class EventFeed implements OperationListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Events events;
    private final Clock clock;
    private final ScheduledExecutorService tail;
    /** Held while subscribing and delivering, so that a subscriber sees each event once, in log order. */
    private final Object lock = new Object();
    /**
     * Copied on write, so that unsubscribing needs no lock: a subscriber unsubscribes from wherever it learns it has
     * fallen behind, which may be a thread holding the subscriber's own lock while a delivery holding {@link #lock}
     * waits for that one.
     */
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    /** The newest log row handed out; read and written on the tailing thread only. */
    private long cursor;

    /** Starts tailing {@code events} from its newest row, looking for new rows every {@code poll}. */
    public EventFeed(Events events, Clock clock, Duration poll) {
        this.events = events;
        this.clock = clock;
        this.cursor = events.latest();
        this.tail = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "imgsh-events");
            thread.setDaemon(true);
            return thread;
        });
        tail.scheduleWithFixedDelay(this::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Hands {@code sink} every later event of {@code types} as one JSON frame: log rows newer than the newest one
     * now, and operation changes from now on, until the subscription is closed.
     */
    public Subscription subscribe(Set<EventType> types, Consumer<String> sink) {
        synchronized (lock) {
            Subscription subscription = new Subscription(types, events.latest(), sink);
            subscribers.add(subscription);
            return subscription;
        }
    }

    @Override
    public void operationChanged(Object operation) {
        String frame = frame(EventType.OPERATION, clock.instant(), operation);
        synchronized (lock) {
            for (Subscription subscriber : subscribers) {
                if (subscriber.types.contains(EventType.OPERATION)) {
                    deliver(subscriber, frame);
                }
            }
        }
    }

    private void poll() {
        try {
            List<Event> fresh = events.since(cursor);
            synchronized (lock) {
                for (Event event : fresh) {
                    String frame = frame(EventType.LIFECYCLE, event.timestamp(), lifecycle(event));
                    for (Subscription subscriber : subscribers) {
                        if (event.id() > subscriber.after && subscriber.types.contains(EventType.LIFECYCLE)) {
                            deliver(subscriber, frame);
                        }
                    }
                    cursor = event.id();
                }
            }
        } catch (RuntimeException e) {
            // a busy or briefly unreadable store: the rows are still there at the next look
            LOG.warn("Reading the store's event log failed: {}", e.getMessage());
        } catch (Error e) {
            // thrown out of here it would end the schedule without a word, and with it every later event; an
            // OutOfMemoryError is as likely another thread's doing, so the next look may well succeed
            LOG.error("Handing out the store's events failed; trying again at the next look", e);
        }
    }

    /**
     * Hands one subscriber one frame. A subscriber that fails is dropped rather than handed the frame again at every
     * look, and the others still get it once.
     */
    private void deliver(Subscription subscriber, String frame) {
        try {
            subscriber.sink.accept(frame);
        } catch (RuntimeException e) {
            LOG.warn("An events subscriber failed and gets no more events: {}", e.toString());
            subscriber.close();
        }
    }

    /** LXD's lifecycle metadata: {@code context} left out when empty, as LXD 5.0.2 omits it. */
    private static Map<String, Object> lifecycle(Event event) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("action", event.action());
        metadata.put("source", event.source());
        JsonNode context = context(event.context());
        if (!context.isEmpty()) {
            metadata.put("context", context);
        }
        return metadata;
    }

    private static JsonNode context(String text) {
        try {
            return text == null || text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            LOG.warn("An event's context is not JSON, left out: {}", text);
            return JSON.createObjectNode();
        }
    }

    private static String frame(EventType type, Instant timestamp, Object metadata) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type.wireName());
        frame.put("timestamp", timestamp);
        frame.put("metadata", metadata);
        frame.put("location", "none");
        frame.put("project", "default");
        return GoJson.write(frame);
    }

    /** Stops tailing; subscribers get nothing more. */
    @Override
    public void close() {
        tail.shutdownNow();
        synchronized (lock) {
            subscribers.clear();
        }
    }

    /** One subscriber's interest; closing it ends the deliveries. */
    public final class Subscription implements AutoCloseable {
        private final Set<EventType> types;
        /** Log rows up to this one were written before it subscribed. */
        private final long after;
        private final Consumer<String> sink;

        private Subscription(Set<EventType> types, long after, Consumer<String> sink) {
            this.types = Set.copyOf(types);
            this.after = after;
            this.sink = sink;
        }

        /** Ends the deliveries; one being made as it closes may still arrive. */
        @Override
        public void close() {
            subscribers.remove(this);
        }
    }
}
