package io.imgsh.engine.event;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** The store's own changes as they happen, in LXD's event frames, without a server: {@code monitor local:}. */
public final class StoreEventStream implements EventStream {
    /** How often the store's event log is looked at: soon enough for a person watching. */
    static final Duration POLL = Duration.ofMillis(250);

    private final EventFeed feed;
    private final CountDownLatch closed = new CountDownLatch(1);

    public StoreEventStream(Events events, Clock clock, Set<EventType> types, Consumer<String> listener) {
        this.feed = new EventFeed(events, clock, POLL);
        feed.subscribe(types, listener);
    }

    @Override
    public void awaitEnd() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        feed.close();
        closed.countDown();
    }
}
