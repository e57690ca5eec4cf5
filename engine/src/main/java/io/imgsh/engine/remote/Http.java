package io.imgsh.engine.remote;

import io.imgsh.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Outgoing HTTPS for one remote: the JDK client with the remote's trust, short connect timeouts, one-line errors. */
public final class Http implements AutoCloseable {
    static {
        // The JDK client reads the network in 16 KiB buffers unless told otherwise, which makes image bodies arrive
        // at a third of the speed of 1 MiB ones (scripts/bench/copy.sh). Its classes read this once, when they load.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", String.valueOf(1 << 20));
        }
    }

    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(30);
    /** imgsh's version, from the jar's manifest. */
    public static final String VERSION = version();
    static final String USER_AGENT = "imgsh/" + VERSION + " (LXD 5.0.2 compatible)";

    /** What a certificate error of a remote's server adds to its message. */
    static final String PIN_HINT = " (pin it with --accept-certificate)";

    private final HttpClient client;
    private final String certificateHint;

    public Http(Tls tls, String pinnedPem) {
        this(tls.context(pinnedPem));
    }

    /** A client over {@code context} (e.g. one that also presents a client certificate). */
    public Http(javax.net.ssl.SSLContext context) {
        this(context, HttpClient.Redirect.NORMAL, PIN_HINT);
    }

    /**
     * A client over {@code context} that follows redirects as {@code redirects} says; {@code certificateHint} ends
     * the message of a certificate error.
     */
    public Http(javax.net.ssl.SSLContext context, HttpClient.Redirect redirects, String certificateHint) {
        this.certificateHint = certificateHint;
        this.client = HttpClient.newBuilder()
                .sslContext(context)
                .connectTimeout(Tls.CONNECT_TIMEOUT)
                .followRedirects(redirects)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
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

    /** GETs {@code url} as bytes; a non-200 status or a network failure is an error naming the host. */
    public byte[] getBytes(URI url, long maxBytes) {
        HttpResponse<InputStream> response = send(request(url).GET().build());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new EngineException("Failed to fetch " + url + ": HTTP " + response.statusCode());
            }
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxBytes) {
                throw new EngineException("Failed to fetch " + url + ": larger than " + maxBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw unreachable(url, e);
        }
    }

    /**
     * The body of {@code response} (a 200 to a GET of {@code url}) as a stream that resumes with range requests when
     * the connection breaks or ends before its Content-Length.
     */
    public ResumingStream resumable(URI url, HttpResponse<InputStream> response) {
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new ResumingStream(url, response.body(), length, from -> resumeFrom(url, from));
    }

    /** The rest of {@code url}'s body from byte {@code position}: a range request, for a {@link ResumingStream}. */
    public InputStream resumeFrom(URI url, long position) {
        HttpRequest request = request(url).GET().header("Range", "bytes=" + position + "-").build();
        return ResumingStream.rangeBody(url, send(request), position);
    }

    public HttpResponse<InputStream> send(HttpRequest request) {
        try {
            return client.send(request, info -> new InterruptibleBody());
        } catch (IOException e) {
            throw unreachable(request.uri(), e, certificateHint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted while contacting " + request.uri().getHost(), e);
        }
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

    /** The one-line error for a failed connection, naming the host. */
    public static EngineException unreachable(URI url, IOException e) {
        return unreachable(url, e, PIN_HINT);
    }

    private static EngineException unreachable(URI url, IOException e, String certificateHint) {
        String host = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        return new EngineException("Failed to connect to " + host + ": " + reason(e, certificateHint), e);
    }

    private static String reason(Throwable e, String certificateHint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t instanceof HttpConnectTimeoutException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.http.HttpTimeoutException) {
                return "connection timed out";
            }
            if (t instanceof SSLException) {
                return "TLS error: " + t.getMessage()
                        + (String.valueOf(t.getMessage()).contains("certif") ? certificateHint : "");
            }
            if (t instanceof ConnectException && t.getMessage() != null) {
                return t.getMessage().toLowerCase(java.util.Locale.ROOT);
            }
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
