package io.imgsh.engine.event;

import io.imgsh.store.Store;
import java.util.List;

/**
 * The store's log of changes, read by front ends that show the store as it changes (the browser, the server): every
 * change made by any process sharing the store is in it, in order.
 */
public final class Events {
    private final Store store;

    public Events(Store store) {
        this.store = store;
    }

    /** The id of the newest change, 0 when there is none: a change since a look at it gives a greater one. */
    public long latest() {
        return store.read(tx -> tx.events().latestId());
    }

    /** The changes after {@code id}, oldest first. */
    public List<Event> since(long id) {
        return store.read(tx -> tx.events().since(id)).stream()
                .map(e -> new Event(e.id(), e.timestamp(), e.action(), e.source(), e.context()))
                .toList();
    }
}
