package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.event.EventFeed;
import io.imgsh.engine.event.EventType;
import io.imgsh.engine.event.Events;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.MutableClock;
import io.imgsh.store.Store;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interleaving that locked an events client and the feed against each other cannot be forced through a real
 * connection (Jetty fails a send at once only when its queue is full or the session is gone, and the delivery must
 * arrive exactly then), so the session here is a stand-in that fails the first send once the delivery waits.
 */
class EventSocketTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    @Test
    void aSendFailingWhileTheEarlyFramesGoOutDoesNotLockTheFeed() throws Exception {
        try (Store store = Store.open(dir.resolve("store"))) {
            EventFeed feed = new EventFeed(new Events(store), new MutableClock(ImageFixture.START),
                    Duration.ofHours(1));
            EventSocket socket = new EventSocket(feed, new EventStreams(), Set.of(EventType.OPERATION), "test", 1024);
            feed.operationChanged("early");
            CountDownLatch sending = new CountDownLatch(1);
            AtomicReference<Thread> delivering = new AtomicReference<>();
            List<String> sent = new CopyOnWriteArrayList<>();
            Session session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
                    new Class<?>[] {Session.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "sendText" -> {
                            sent.add((String) args[0]);
                            if (sent.size() == 1) { // Jetty fails the callback at once, on the sending thread
                                sending.countDown();
                                awaitBlockedBy(delivering, Thread.currentThread());
                            }
                            ((Callback) args[1]).fail(new IOException("session closed"));
                            yield null;
                        }
                        case "isOpen" -> false;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });

            Thread opening = daemon("opening", () -> socket.onWebSocketOpen(session));
            sending.await();
            delivering.set(daemon("delivering", () -> feed.operationChanged("later")));
            boolean locked = false;
            while ((opening.isAlive() || delivering.get().isAlive()) && !locked) {
                locked = deadlocked().containsAll(List.of(opening.getId(), delivering.get().getId()));
                Thread.sleep(10);
            }
            assertThat(locked).as("the socket and the feed locked against each other").isFalse();
            feed.close(); // not when locked: it would wait for the feed's lock for ever
            assertThat(sent).hasSize(2);
            assertThat(sent.get(0)).contains("\"metadata\":\"early\"");
            assertThat(sent.get(1)).contains("\"metadata\":\"later\"");
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits until {@code waiting}, once started, is blocked on a lock held by {@code holder}. */
    private static void awaitBlockedBy(AtomicReference<Thread> waiting, Thread holder) throws InterruptedException {
        while (waiting.get() == null || THREADS.getThreadInfo(waiting.get().getId()) == null
                || THREADS.getThreadInfo(waiting.get().getId()).getLockOwnerId() != holder.getId()) {
            Thread.sleep(1);
        }
    }

    private static List<Long> deadlocked() {
        long[] ids = THREADS.findDeadlockedThreads();
        return ids == null ? List.of() : LongStream.of(ids).boxed().toList();
    }
}
