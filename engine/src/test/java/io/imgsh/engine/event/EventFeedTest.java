package io.imgsh.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.MutableClock;
import io.imgsh.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feed's tail of a real store's event log. */
class EventFeedTest {
    @TempDir
    Path dir;

    @Test
    void anErrorWhileHandingOutEventsDoesNotEndTheLaterLooks() throws Exception {
        try (Store store = Store.open(dir.resolve("store"));
             EventFeed feed = new EventFeed(new Events(store), new MutableClock(ImageFixture.START),
                     Duration.ofMillis(10))) {
            AtomicBoolean failed = new AtomicBoolean();
            BlockingQueue<String> frames = new LinkedBlockingQueue<>();
            feed.subscribe(Set.of(EventType.LIFECYCLE), frame -> {
                if (failed.compareAndSet(false, true)) {
                    throw new OutOfMemoryError("thrown by the test's subscriber");
                }
                frames.add(frame);
            });
            append(store, "first");
            append(store, "second");

            // the look that failed is made again: the first event comes once the subscriber takes it
            assertThat(frames.poll(30, TimeUnit.SECONDS)).contains("/first");
            assertThat(frames.poll(30, TimeUnit.SECONDS)).contains("/second");
            assertThat(failed).isTrue();
        }
    }

    @Test
    void aSubscriberThatFailsIsDroppedAndTheOthersGetEachEventOnce() throws Exception {
        try (Store store = Store.open(dir.resolve("store"));
             EventFeed feed = new EventFeed(new Events(store), new MutableClock(ImageFixture.START),
                     Duration.ofMillis(10))) {
            AtomicInteger calls = new AtomicInteger();
            BlockingQueue<String> frames = new LinkedBlockingQueue<>();
            feed.subscribe(Set.of(EventType.LIFECYCLE), frames::add);
            feed.subscribe(Set.of(EventType.LIFECYCLE), frame -> {
                calls.incrementAndGet();
                throw new IllegalStateException("thrown by the test's subscriber");
            });
            append(store, "first");
            append(store, "second");

            assertThat(frames.poll(30, TimeUnit.SECONDS)).contains("/first");
            assertThat(frames.poll(30, TimeUnit.SECONDS)).contains("/second");
            append(store, "third");
            assertThat(frames.poll(30, TimeUnit.SECONDS)).contains("/third");
            assertThat(frames).isEmpty();
            assertThat(calls).hasValue(1);
        }
    }

    private static void append(Store store, String name) {
        store.write(tx -> {
            tx.events().append(ImageFixture.START, "image-alias-created", "/1.0/images/aliases/" + name, "");
            return null;
        });
    }
}
