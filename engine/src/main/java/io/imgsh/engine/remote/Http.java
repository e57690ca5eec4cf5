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
public final class Http {
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(30);
    static final String USER_AGENT = "imgsh/0.1 (LXD 5.0.2 compatible)";

    private final HttpClient client;

    public Http(Tls tls, String pinnedPem) {
        this(tls.context(pinnedPem));
    }

    /** A client over {@code context} (e.g. one that also presents a client certificate). */
    public Http(javax.net.ssl.SSLContext context) {
        this.client = HttpClient.newBuilder()
                .sslContext(context)
                .connectTimeout(Tls.CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
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

    public HttpResponse<InputStream> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted while contacting " + request.uri().getHost(), e);
        }
    }

    /** The one-line error for a failed connection, naming the host. */
    public static EngineException unreachable(URI url, IOException e) {
        String host = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        return new EngineException("Failed to connect to " + host + ": " + reason(e), e);
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t instanceof HttpConnectTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "connection timed out";
            }
            if (t instanceof SSLException) {
                return "TLS error: " + t.getMessage()
                        + (String.valueOf(t.getMessage()).contains("certif") ? " (pin it with --accept-certificate)"
                        : "");
            }
            if (t instanceof ConnectException && t.getMessage() != null) {
                return t.getMessage().toLowerCase(java.util.Locale.ROOT);
            }
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
