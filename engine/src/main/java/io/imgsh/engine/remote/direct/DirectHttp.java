package io.imgsh.engine.remote.direct;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.remote.Http;
import io.imgsh.engine.remote.Remote;
import io.imgsh.engine.remote.ResumingStream;
import io.imgsh.engine.remote.Tls;
import io.imgsh.engine.remote.TransferLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests of one direct import. Redirects are never followed by the JDK client: each hop is checked here (https,
 * allow-list) before it is requested, so a listed host cannot bounce the request elsewhere. Trust is per origin: the
 * certificate pinned by a remote with the same {@code https://host:port} (added with {@code --accept-certificate}),
 * else the system trust store.
 */
final class DirectHttp implements AutoCloseable {
    static final int MAX_REDIRECTS = 5;

    /** Refuses a URL (throws) that may not be requested; {@code role} names it in the message. */
    @FunctionalInterface
    interface Check {
        void url(URI url, String role);
    }

    /** A response and the URL that gave it (after redirects). */
    record Answer(URI url, HttpResponse<InputStream> response) {
        int status() {
            return response.statusCode();
        }

        void discard() {
            try {
                response.body().close();
            } catch (IOException ignored) {
                // nothing to keep
            }
        }
    }

    private final Tls tls;
    private final List<Remote> remotes;
    private final Check check;
    private final Map<String, String> headers;
    private final TransferLimits limits;
    private final Map<String, Http> clients = new HashMap<>();

    DirectHttp(Tls tls, List<Remote> remotes, Check check, Map<String, String> headers, TransferLimits limits) {
        this.tls = tls;
        this.remotes = remotes;
        this.check = check;
        this.headers = headers;
        this.limits = limits;
    }

    /** The PEM pinned for {@code url}'s origin by a remote, or "" (system trust). */
    String certificateFor(URI url) {
        for (Remote r : remotes) {
            if (!r.certificate().isEmpty() && !r.isLocal() && sameOrigin(url, r.url())) {
                return r.certificate();
            }
        }
        return "";
    }

    private static boolean sameOrigin(URI url, String other) {
        try {
            URI o = URI.create(other);
            return "https".equalsIgnoreCase(o.getScheme()) && o.getHost() != null
                    && o.getHost().equalsIgnoreCase(url.getHost()) && Http.port(o) == Http.port(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Sends {@code method} to {@code url} ({@code from} > 0: a range request from that byte), following at most
     * {@link #MAX_REDIRECTS} redirects, each checked before it is requested.
     */
    Answer send(String method, URI url, String role, long from) {
        URI current = url;
        for (int hop = 0; ; hop++) {
            check.url(current, hop == 0 ? role : "redirect target");
            HttpRequest.Builder b = Http.request(current).method(method, HttpRequest.BodyPublishers.noBody());
            headers.forEach(b::setHeader);
            if (from > 0) {
                b.header("Range", "bytes=" + from + "-");
            }
            HttpResponse<InputStream> response = client(current).send(b.build());
            Answer answer = new Answer(current, response);
            int status = response.statusCode();
            if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
                return answer;
            }
            answer.discard();
            String location = response.headers().firstValue("Location").orElse(null);
            if (location == null) {
                throw new EngineException("Cannot fetch " + current + ": HTTP " + status + " without a Location");
            }
            if (hop >= MAX_REDIRECTS) {
                throw new EngineException("Cannot fetch " + url + ": more than " + MAX_REDIRECTS + " redirects");
            }
            try {
                current = current.resolve(location.trim());
            } catch (IllegalArgumentException e) {
                throw new EngineException("Cannot fetch " + current + ": invalid redirect location \"" + location
                        + "\"");
            }
        }
    }

    /** The body of {@code url} from byte {@code position} (a range request that follows the same checks). */
    InputStream resumeFrom(URI url, String role, long position) {
        return ResumingStream.rangeBody(url, send("GET", url, role, position).response(), position);
    }

    @Override
    public void close() {
        clients.values().forEach(Http::close);
    }

    /** One client per origin (its trust and its hint differ). */
    private Http client(URI url) {
        String pem = certificateFor(url);
        return clients.computeIfAbsent(url.getRawAuthority() + "\n" + pem, origin -> Http.withoutRedirects(
                tls.context(pem), " (to trust a self-signed server, pin its certificate: remote add <name> https://"
                        + url.getRawAuthority() + " --protocol simplestreams --accept-certificate)", () -> limits));
    }
}
