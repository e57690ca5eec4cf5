package io.imgsh.engine.remote.lxd;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.event.EventStream;
import io.imgsh.engine.event.EventType;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshake;

/**
 * An LXD server's event stream ({@code GET /1.0/events} upgraded to a websocket), as {@code lxc monitor} reads it:
 * each text frame, one event as JSON, goes to the listener on the stream's own thread, in order.
 */
public final class LxdEvents implements EventStream {
    /**
     * How long opening the stream may take: TCP connection, TLS handshake and the HTTP upgrade together (LXD answers
     * the upgrade at once; the REST client allows 5 s for its connection alone).
     */
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);
    /** No event LXD sends comes near this; a bigger frame is a broken or hostile server. */
    static final int MAX_FRAME_BYTES = 16 << 20;

    private final Stream stream;

    private LxdEvents(Stream stream) {
        this.stream = stream;
    }

    /**
     * Opens the stream of {@code types} at {@code url} (an LXD server's base URL), over {@code tls}, which pins the
     * server certificate (then host names are not checked, as for every pinned remote) or trusts the system store.
     * Returns once the server has accepted it; a refusal (an untrusted client) is an error in LXD's words.
     */
    public static LxdEvents open(String url, SSLContext tls, boolean pinned, Set<EventType> types,
                                 Consumer<String> listener) {
        return open(url, tls, pinned, types, listener, OPEN_TIMEOUT);
    }

    /** As {@link #open(String, SSLContext, boolean, Set, Consumer)}, failing when opening takes {@code timeout}. */
    static LxdEvents open(String url, SSLContext tls, boolean pinned, Set<EventType> types, Consumer<String> listener,
                          Duration timeout) {
        String list = types.stream().map(EventType::wireName).sorted().collect(Collectors.joining(","));
        URI uri = URI.create(url.replaceAll("/+$", "").replaceFirst("^https:", "wss:") + "/1.0/events?type=" + list);
        Stream stream = new Stream(uri, tls, pinned, listener, timeout);
        try {
            long start = System.nanoTime();
            if (!stream.connectBlocking(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                // it waited the whole timeout only when no answer came; then it has closed the connection itself
                throw System.nanoTime() - start < timeout.toNanos() ? stream.failure()
                        : new EngineException("No answer from " + uri.getHost() + ":" + uri.getPort() + " within "
                        + LxdClient.human(timeout) + " while opening its event stream");
            }
        } catch (InterruptedException e) {
            stream.close();
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted while connecting to " + url);
        }
        return new LxdEvents(stream);
    }

    @Override
    public void awaitEnd() throws InterruptedException {
        try {
            stream.ended.get();
        } catch (ExecutionException e) {
            throw (EngineException) e.getCause();
        }
    }

    @Override
    public void close() {
        stream.closing = true;
        stream.close();
    }

    /** The websocket, which remembers why it ended (Java-WebSocket reports a refused upgrade without its status). */
    private static final class Stream extends WebSocketClient {
        private final boolean pinned;
        private final Consumer<String> listener;
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        /** The status line of an answer that was not an upgrade, if one came. */
        private final AtomicReference<String> refusal;
        private volatile boolean closing;
        private volatile boolean opened;
        private volatile Exception error;
        /** The server's close code and reason, when it ended the stream itself. */
        private volatile String closedBecause = "";

        Stream(URI uri, SSLContext tls, boolean pinned, Consumer<String> listener, Duration timeout) {
            this(uri, tls, pinned, listener, new AtomicReference<>(), timeout);
        }

        private Stream(URI uri, SSLContext tls, boolean pinned, Consumer<String> listener,
                       AtomicReference<String> refusal, Duration timeout) {
            super(uri, new StatusDraft(refusal), null, (int) timeout.toMillis());
            this.pinned = pinned;
            this.listener = listener;
            this.refusal = refusal;
            setSocketFactory(tls.getSocketFactory());
        }

        @Override
        protected void onSetSSLParameters(SSLParameters parameters) {
            if (!pinned) {
                super.onSetSSLParameters(parameters); // the system store: the certificate must name the host
            }
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            opened = true;
        }

        @Override
        public void onMessage(String frame) {
            listener.accept(frame);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            if (remote) {
                closedBecause = " (" + code + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")";
            }
            if (closing) {
                ended.complete(null);
            } else {
                ended.completeExceptionally(failure());
            }
        }

        @Override
        public void onError(Exception e) {
            error = e;
        }

        /** Why the stream could not open or ended, in the words an LXD client would use. */
        EngineException failure() {
            String refused = refusal.get();
            if (refused != null) {
                // LXD's 403 says this in its body, which Java-WebSocket does not keep
                return new EngineException(refused.startsWith("403") ? "not authorized"
                        : "The server refused the event stream: HTTP " + refused);
            }
            if (!opened || error != null) {
                String why = error == null ? "the connection failed" : message(error);
                return new EngineException("Cannot reach " + uri.getHost() + ":" + uri.getPort() + ": " + why,
                        error);
            }
            return new EngineException("The server ended the event stream" + closedBecause);
        }

        private static String message(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage() == null ? root.toString() : root.getMessage();
        }
    }

    /**
     * RFC 6455, noting the status of an answer that is not an upgrade (LXD's 403 to an untrusted client), which
     * Java-WebSocket reports only as a message.
     */
    private static final class StatusDraft extends Draft_6455 {
        private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3}[^\r\n]*)");

        private final AtomicReference<String> refusal;

        StatusDraft(AtomicReference<String> refusal) {
            super(List.of(), MAX_FRAME_BYTES);
            this.refusal = refusal;
        }

        @Override
        public Handshakedata translateHandshake(ByteBuffer answer) throws InvalidHandshakeException {
            Matcher status = STATUS_LINE.matcher(StandardCharsets.ISO_8859_1.decode(answer.duplicate()));
            if (status.lookingAt() && !status.group(1).startsWith("101")) {
                refusal.set(status.group(1));
            }
            return super.translateHandshake(answer);
        }

        @Override
        public Draft copyInstance() {
            return new StatusDraft(refusal); // the connection works on a copy; the refusal is noted for the stream
        }
    }
}
