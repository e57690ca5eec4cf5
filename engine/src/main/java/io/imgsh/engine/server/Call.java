package io.imgsh.engine.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/** One request being answered: what was asked, by whom, and the ways to answer it. */
final class Call {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Caller caller;
    private final Fields query;
    private final UntrustedBodies untrusted;

    Call(Request request, Response response, Callback callback, Caller caller, UntrustedBodies untrusted) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.caller = caller;
        this.untrusted = untrusted;
        this.query = Request.extractQueryParameters(request);
    }

    String method() {
        return request.getMethod();
    }

    Caller caller() {
        return caller;
    }

    /** A query parameter's value, if given. */
    Optional<String> query(String name) {
        return Optional.ofNullable(query.getValue(name));
    }

    /** {@code ?recursion=1} (or more): objects instead of URLs. */
    boolean recursive() {
        return query("recursion").map(r -> !r.equals("0") && !r.isEmpty()).orElse(false);
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /** Every value of a header that may be repeated, in order. */
    List<String> headers(String name) {
        return request.getHeaders().getValuesList(name);
    }

    /** The ETag in {@code If-Match}, without its quotes; null when none was sent. */
    String ifMatch() {
        return header("If-Match").map(v -> v.replace("\"", "").strip()).filter(v -> !v.isEmpty()).orElse(null);
    }

    /**
     * The JSON object the request carries ({@link JsonBody}: size limit, one-line errors), within the bounds of
     * {@link UntrustedBodies} when the caller is not trusted. A body the client fails to send is a 400.
     */
    JsonBody body() {
        if (!caller.trusted()) {
            return JsonBody.parse(untrusted.read(request));
        }
        try {
            return JsonBody.read(Content.Source.asInputStream(request));
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The answer to a body that could not be received (the client broke off or stalled): its doing, so a 400. */
    static ApiError unreadable(Throwable failure) {
        Throwable root = failure; // Jetty wraps an idle timeout's TimeoutException, whose message says it all
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new ApiError(400, "The request body could not be read: " + why.replaceAll("\\s+", " "));
    }

    /** The request body, read as it arrives; a read blocks until bytes come or the connection's idle timeout. */
    InputStream bodyStream() {
        return Content.Source.asInputStream(request);
    }

    /** The length of the body the client announced; -1 when it sends it chunked. */
    long contentLength() {
        return request.getLength();
    }

    /**
     * Cuts the connection once no byte arrives for {@code timeout} (a read then fails); returns the timeout this
     * replaced, to restore once the body is read.
     */
    Duration idleTimeout(Duration timeout) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        Duration previous = Duration.ofMillis(endPoint.getIdleTimeout());
        endPoint.setIdleTimeout(timeout.toMillis());
        return previous;
    }

    /** Answers 200 with {@code metadata} in a sync envelope. */
    void sync(Object metadata) {
        json(200, Envelope.sync(metadata));
    }

    /** As {@link #sync}, with the ETag the client sends back as {@code If-Match}. */
    void sync(Object metadata, String etag) {
        response.getHeaders().put(HttpHeader.ETAG, "\"" + etag + "\"");
        sync(metadata);
    }

    /** Answers 202 with the operation just started, where the client follows it ({@code Location}). */
    void async(Operation op) {
        response.getHeaders().put(HttpHeader.LOCATION, op.url());
        json(202, Envelope.async(op.url(), op.json()));
    }

    /** Answers 201 Created with an empty sync envelope and the new resource's location, as LXD does for aliases. */
    void created(String location) {
        response.getHeaders().put(HttpHeader.LOCATION, location);
        json(201, Envelope.sync(null));
    }

    void error(int status, String message) {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        json(status, Envelope.error(status, message));
    }

    private void json(int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * Starts a streamed answer with {@code status} and the headers set so far; the stream blocks while the client
     * reads slowly. Closing it completes the answer.
     */
    OutputStream stream(int status) {
        response.setStatus(status);
        return Content.Sink.asOutputStream(response);
    }

    /** Switches to the websocket {@code creator} makes, when this is a websocket upgrade request. */
    boolean upgrade(ServerWebSocketContainer websockets, WebSocketCreator creator) {
        return websockets.upgrade(creator, request, response, callback);
    }

    Response response() {
        return response;
    }

    /** Completes a streamed answer (the stream was closed) or gives up on one that failed half-way. */
    void finish(Throwable failure) {
        if (failure == null) {
            callback.succeeded();
        } else {
            callback.failed(failure);
        }
    }
}
