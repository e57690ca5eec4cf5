package io.imgsh.engine.remote;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.WrongBytesException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Outgoing HTTPS for one remote: the JDK client with the remote's trust, short connect timeouts, one-line errors,
 * and every response body bounded by the {@link TransferLimits} in effect when its request is sent.
 */
public final class Http implements AutoCloseable {
    static {
        // The JDK client reads the network in 16 KiB buffers unless told otherwise, which makes image bodies arrive
        // at a third of the speed of 1 MiB ones (scripts/bench/copy.sh). Its classes read this once, when they load.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", String.valueOf(1 << 20));
        }
    }

    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(30);
    /** Redirects followed for one request, as many as the JDK client follows. */
    static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    /** How the JDK client (17.0.11 and later) refuses headers larger than {@code jdk.http.maxHeaderSize}. */
    private static final Pattern HEADERS_TOO_BIG = Pattern.compile("Header size too big: \\d+ > (\\d+)");
    /** imgsh's version, from the jar's manifest. */
    public static final String VERSION = version();
    static final String USER_AGENT = "imgsh/" + VERSION + " (LXD 5.0.2 compatible)";

    /** What a certificate error of a remote's server adds to its message. */
    static final String PIN_HINT = " (pin it with --accept-certificate)";

    private final HttpClient client;
    private final boolean followRedirects;
    private final String certificateHint;
    private final Supplier<TransferLimits> limits;

    /**
     * A client for a remote's server, over {@code context} (which may also present a client certificate): it follows
     * the redirects of GET and HEAD requests that stay on the origin they came from, and refuses the others.
     */
    public Http(SSLContext context, Supplier<TransferLimits> limits) {
        this(context, true, PIN_HINT, limits);
    }

    private Http(SSLContext context, boolean followRedirects, String certificateHint,
                 Supplier<TransferLimits> limits) {
        this.followRedirects = followRedirects;
        this.certificateHint = certificateHint;
        this.limits = limits;
        this.client = HttpClient.newBuilder()
                .sslContext(context)
                .connectTimeout(Tls.CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * A client that follows no redirect (its caller checks each hop itself); {@code certificateHint} ends the message
     * of a certificate error.
     */
    public static Http withoutRedirects(SSLContext context, String certificateHint, Supplier<TransferLimits> limits) {
        return new Http(context, false, certificateHint, limits);
    }

    /** The limits in effect now, for the caps of a download's size. */
    public TransferLimits limits() {
        return limits.get();
    }

    /** The port of an {@code https://} URL, 443 when it names none. */
    public static int port(URI url) {
        return url.getPort() < 0 ? 443 : url.getPort();
    }

    private static String version() {
        String v = Http.class.getPackage().getImplementationVersion();
        return v == null ? "0.1" : v;
    }

    public static HttpRequest.Builder request(URI url) {
        return HttpRequest.newBuilder(url).timeout(HEADER_TIMEOUT).header("User-Agent", USER_AGENT);
    }

    /** {@code host:port} of {@code url}, as errors name a server. */
    static String hostPort(URI url) {
        return url.getHost() + ":" + port(url);
    }

    /** What a 200 answer's body is read with. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /** GETs {@code url} and reads its body with {@code reader}; a non-200 status or a network failure is an error. */
    public <T> T get(URI url, BodyReader<T> reader) {
        HttpResponse<InputStream> response = send(request(url).GET().build());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new EngineException("Failed to fetch " + url + ": HTTP " + response.statusCode());
            }
            return reader.read(in);
        } catch (IOException e) {
            throw failure(url, e);
        }
    }

    /**
     * The body of {@code response} (a 200 to a GET of {@code url}) as a stream that resumes with range requests when
     * the connection breaks or ends before its Content-Length.
     */
    public ResumingStream resumable(URI url, HttpResponse<InputStream> response) {
        return resumable(url, new Ranged(response, 0, contentLength(response)));
    }

    /**
     * As {@link #resumable(URI, HttpResponse)}, for a response whose body starts at byte {@code start} of the file:
     * it resumes when the body ends before the file's length as the answer gives it.
     */
    public ResumingStream resumable(URI url, Ranged answer) {
        return new ResumingStream(url, answer.response().body(), answer.start(), answer.length(),
                from -> resumeFrom(url, from));
    }

    /**
     * A response to {@link #getFrom}, the byte of the file its body starts at and the file's length as the answer
     * gives it (-1: not known).
     */
    public record Ranged(HttpResponse<InputStream> response, long start, long length) {
    }

    /**
     * GETs {@code url} from byte {@code from} on (a range request unless 0), to continue what an earlier download
     * kept of a file of {@code length} bytes (-1: not known). A server that answers with the whole file (200: it
     * ignores ranges) is taken at its word, start 0; one whose range answer does not continue that file from there
     * (another start, or a file of another length), or that cannot satisfy the range (416: its file is shorter now),
     * is asked for the whole file instead. Any other status is the caller's to handle.
     */
    public Ranged getFrom(URI url, long from, long length) {
        if (from > 0) {
            HttpResponse<InputStream> response = send(request(url).GET().header("Range", "bytes=" + from + "-")
                    .build());
            if (response.statusCode() == 206) {
                ContentRange range = ContentRange.of(response).filter(r -> r.continues(from, length)).orElse(null);
                if (range != null) {
                    return new Ranged(response, from, range.length(length));
                }
            } else if (response.statusCode() != 416) {
                return new Ranged(response, 0, contentLength(response));
            }
            discard(response);
        }
        HttpResponse<InputStream> whole = send(request(url).GET().build());
        return new Ranged(whole, 0, contentLength(whole));
    }

    private static long contentLength(HttpResponse<?> response) {
        return response.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    /** The rest of {@code url}'s body from byte {@code position}: a range request, for a {@link ResumingStream}. */
    public InputStream resumeFrom(URI url, long position) {
        HttpRequest request = request(url).GET().header("Range", "bytes=" + position + "-").build();
        return ResumingStream.rangeBody(url, send(request), position);
    }

    /**
     * Sends {@code request}; a GET or HEAD answered with a redirect is sent again to its target while that stays on
     * the request's origin (scheme, host, port), and refused when it leaves it.
     */
    public HttpResponse<InputStream> send(HttpRequest request) {
        TransferLimits bounds = limits.get();
        boolean follow = followRedirects && (request.method().equals("GET") || request.method().equals("HEAD"));
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            HttpResponse<InputStream> response = exchange(current, bounds);
            String location = response.headers().firstValue("Location").orElse(null);
            if (!follow || !REDIRECTS.contains(response.statusCode()) || location == null) {
                return response;
            }
            discard(response);
            if (hop == MAX_REDIRECTS) {
                throw new EngineException("Failed to fetch " + request.uri() + ": more than " + MAX_REDIRECTS
                        + " redirects");
            }
            URI target;
            try {
                target = current.uri().resolve(location.trim());
            } catch (IllegalArgumentException e) {
                throw new EngineException("Failed to fetch " + current.uri() + ": invalid redirect location \""
                        + location + "\"");
            }
            if (!sameOrigin(request.uri(), target)) {
                throw new EngineException("Refused the redirect of " + current.uri() + " to " + target
                        + ": it leaves " + origin(request.uri()));
            }
            current = HttpRequest.newBuilder(current, (name, value) -> true).uri(target).build();
        }
    }

    private HttpResponse<InputStream> exchange(HttpRequest request, TransferLimits bounds) {
        String host = hostPort(request.uri());
        try {
            return client.send(request, info -> new InterruptibleBody(host, bounds));
        } catch (IOException e) {
            throw failure(request.uri(), e, certificateHint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(request.uri(), e); // as when the body's read is interrupted: which comes first is chance
        }
    }

    private static void discard(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing in it is wanted
        }
    }

    /** Whether {@code url} has the scheme, host and port of {@code origin}. */
    public static boolean sameOrigin(URI origin, URI url) {
        return origin.getScheme().equalsIgnoreCase(String.valueOf(url.getScheme())) && url.getHost() != null
                && origin.getHost().equalsIgnoreCase(url.getHost()) && port(origin) == port(url);
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }

    /**
     * Ends the client's selector thread; the client cannot be used after this. JDK 17's client has no close() of its
     * own, and its selector thread, blocked in native code, holds up the JVM's exit by 300 ms (HotSpot waits that
     * long for threads in native code): an interrupt ends its loop. On JDK 21 and later the client closes itself.
     */
    @Override
    public void close() {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        // the JDK names it after the client's id, which ends the client's toString(): "...HttpClientImpl@1a2b(7)"
        String text = client.toString();
        String id = text.substring(text.lastIndexOf('(') + 1, text.length() - 1);
        String name = "HttpClient-" + id + "-SelectorManager";
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 8];
        int n = root.enumerate(threads);
        for (int i = 0; i < n; i++) {
            if (threads[i].getName().equals(name)) {
                threads[i].interrupt();
            }
        }
    }

    /**
     * The one-line error for a failed exchange with {@code url}'s server, naming it: a broken transfer limit, a
     * response the client refused, or a connection that failed.
     */
    public static EngineException failure(URI url, IOException e) {
        return failure(url, e, PIN_HINT);
    }

    private static EngineException failure(URI url, IOException e, String certificateHint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransferLimitException limit) {
                return limit.oversize() ? new WrongBytesException(limit.getMessage(), e)
                        : new EngineException(limit.getMessage(), e);
            }
            if (t instanceof ProtocolException protocol) {
                return new EngineException(refused(hostPort(url), protocol), e);
            }
        }
        if (Progress.interrupted(e)) {
            return interrupted(url, e);
        }
        return new EngineException("Failed to connect to " + shown(url) + ": " + reason(e, certificateHint), e);
    }

    private static EngineException interrupted(URI url, Exception e) {
        return new EngineException("Connection to " + shown(url) + " interrupted", e);
    }

    /** The host, and the port when the URL names one. */
    private static String shown(URI url) {
        return url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }

    /** What the JDK client says when it refuses a response, in one line naming the server. */
    private static String refused(String host, ProtocolException e) {
        String message = String.valueOf(e.getMessage());
        Matcher tooBig = HEADERS_TOO_BIG.matcher(message);
        if (tooBig.find()) {
            return "The response headers from " + host + " are too large (more than " + tooBig.group(1) + " bytes)";
        }
        return "Invalid HTTP response from " + host + ": " + message;
    }

    private static String reason(Throwable e, String certificateHint) {
        boolean connectFailed = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t instanceof HttpConnectTimeoutException || t instanceof SocketTimeoutException
                    || t instanceof java.net.http.HttpTimeoutException) {
                return "connection timed out";
            }
            if (t instanceof SSLException) {
                return "TLS error: " + t.getMessage()
                        + (String.valueOf(t.getMessage()).contains("certif") ? certificateHint : "");
            }
            if (t instanceof ConnectException) {
                if (t.getMessage() != null) {
                    return t.getMessage().toLowerCase(java.util.Locale.ROOT);
                }
                connectFailed = true;
            }
        }
        if (connectFailed) {
            return "connection refused"; // the JDK's client names no reason for the commonest one
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
