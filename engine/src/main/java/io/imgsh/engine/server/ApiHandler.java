package io.imgsh.engine.server;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.ETagMismatchException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.remote.Tls;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request of LXD's image API to what answers it, after telling who the caller is (trusted when its
 * client certificate is in the trust store); the engine's errors become LXD's error envelopes with its status codes.
 * Nothing outside the image API is served but the default project, which clients list, the event stream, and the
 * trust store ({@code /1.0/certificates}), through which a client with the trust password becomes trusted.
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String IMAGES = "/1.0/images/";
    private static final String ALIASES = "/1.0/images/aliases/";
    private static final String OPERATIONS = "/1.0/operations/";

    /** The one project there is, which {@code lxc remote add} lists for a trusted server. */
    private static final Map<String, Object> DEFAULT_PROJECT = project();

    private final Trust trust;
    private final ServerInfo info;
    private final ImagesApi images;
    private final ImagesPost post;
    private final ImagePush push;
    private final AliasesApi aliases;
    private final OperationsApi operations;
    private final EventsApi events;
    private final CertificatesApi certificates;
    private final UntrustedBodies untrustedBodies;

    ApiHandler(Trust trust, ServerInfo info, ImagesApi images, ImagesPost post, ImagePush push, AliasesApi aliases,
               OperationsApi operations, EventsApi events, CertificatesApi certificates,
               UntrustedBodies untrustedBodies) {
        super(InvocationType.BLOCKING);
        this.trust = trust;
        this.info = info;
        this.images = images;
        this.post = post;
        this.push = push;
        this.aliases = aliases;
        this.operations = operations;
        this.events = events;
        this.certificates = certificates;
        this.untrustedBodies = untrustedBodies;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Call call = new Call(request, response, callback, caller(request), untrustedBodies);
        String path = request.getHttpURI().getPath();
        try {
            route(call, path == null ? "" : path);
        } catch (ApiError e) {
            LOG.debug("{} {}: {} {}", request.getMethod(), path, e.status(), e.getMessage());
            call.error(e.status(), e.getMessage());
        } catch (NotFoundException e) {
            call.error(404, e.getMessage());
        } catch (ETagMismatchException e) {
            call.error(412, "ETag doesn't match: " + e.current() + " vs " + e.given());
        } catch (ConflictException e) {
            call.error(409, e.getMessage());
        } catch (InvalidInputException e) {
            call.error(400, e.getMessage());
        } catch (EngineException e) {
            LOG.warn("{} {}: {}", request.getMethod(), path, e.getMessage());
            call.error(500, e.getMessage());
        } catch (Exception e) {
            if (response.isCommitted()) {
                // a client that went away mid-download, or a file that failed half-way: nothing more can be said
                LOG.debug("{} {} aborted: {}", request.getMethod(), path, e.toString());
                call.finish(e);
            } else {
                LOG.error("{} {} failed", request.getMethod(), path, e);
                call.error(500, "Internal error: " + e.getMessage());
            }
        }
        return true;
    }

    private void route(Call call, String path) throws Exception {
        if (path.equals("/1.0") || path.equals("/1.0/")) {
            requireMethod(call, "GET");
            call.sync(info.of(call.caller()));
        } else if (path.equals("/1.0/projects") || path.equals("/1.0/projects/default")) {
            requireMethod(call, "GET");
            if (!call.caller().trusted()) {
                throw ApiError.forbidden();
            }
            call.sync(path.endsWith("default") ? DEFAULT_PROJECT
                    : call.recursive() ? List.of(DEFAULT_PROJECT) : List.of("/1.0/projects/default"));
        } else if (path.equals("/1.0/certificates")) {
            // anyone may offer the trust password; only trusted callers see the list
            switch (call.method()) {
                case "POST" -> certificates.add(call);
                case "GET" -> {
                    requireTrusted(call);
                    certificates.list(call);
                }
                default -> throw call.caller().trusted() ? new ApiError(405, "method not allowed")
                        : ApiError.forbidden();
            }
        } else if (path.startsWith(CertificatesApi.PATH)) {
            requireTrusted(call);
            String fingerprint = decode(path.substring(CertificatesApi.PATH.length()));
            switch (trustedMethod(call, "GET", "DELETE")) {
                case "DELETE" -> certificates.delete(call, fingerprint);
                default -> certificates.get(call, fingerprint);
            }
        } else if (path.equals("/1.0/events")) {
            requireMethod(call, "GET");
            events.stream(call);
        } else if (path.equals("/1.0/images")) {
            if (call.method().equals("POST")) {
                post.post(call); // decides who may: an untrusted caller may upload with an upload token
            } else {
                requireMethod(call, "GET");
                images.list(call);
            }
        } else if (path.equals("/1.0/images/aliases")) {
            switch (trustedMethod(call, "GET", "POST")) {
                case "POST" -> aliases.create(call);
                default -> aliases.list(call);
            }
        } else if (path.startsWith(ALIASES)) {
            String name = decode(path.substring(ALIASES.length()));
            switch (trustedMethod(call, "GET", "PUT", "PATCH", "POST", "DELETE")) {
                case "PUT" -> aliases.put(call, name);
                case "PATCH" -> aliases.patch(call, name);
                case "POST" -> aliases.rename(call, name);
                case "DELETE" -> aliases.delete(call, name);
                default -> aliases.get(call, name);
            }
        } else if (path.startsWith(IMAGES)) {
            String rest = path.substring(IMAGES.length());
            int slash = rest.indexOf('/');
            String fingerprint = decode(slash < 0 ? rest : rest.substring(0, slash));
            String sub = slash < 0 ? "" : rest.substring(slash + 1);
            switch (sub) {
                case "" -> {
                    switch (trustedMethod(call, "GET", "PUT", "PATCH", "DELETE")) {
                        case "PUT" -> images.put(call, fingerprint);
                        case "PATCH" -> images.patch(call, fingerprint);
                        case "DELETE" -> images.delete(call, fingerprint);
                        default -> images.get(call, fingerprint);
                    }
                }
                case "export" -> {
                    if (trustedMethod(call, "GET", "POST").equals("POST")) {
                        push.post(call, fingerprint);
                    } else {
                        images.export(call, fingerprint);
                    }
                }
                case "refresh" -> {
                    trustedMethod(call, "POST");
                    images.refresh(call, fingerprint);
                }
                case "secret" -> {
                    trustedMethod(call, "POST");
                    images.secret(call, fingerprint);
                }
                default -> throw ApiError.notFound("not found");
            }
        } else if (path.equals("/1.0/operations")) {
            requireMethod(call, "GET");
            operations.list(call);
        } else if (path.startsWith(OPERATIONS)) {
            String rest = path.substring(OPERATIONS.length());
            int slash = rest.indexOf('/');
            operations.route(call, decode(slash < 0 ? rest : rest.substring(0, slash)),
                    slash < 0 ? "" : rest.substring(slash + 1));
        } else {
            throw ApiError.notFound("not found");
        }
    }

    /**
     * The request's method when the endpoint offers it: GET to anyone, the others to trusted callers only (403 to
     * the rest, as every write); else 405.
     */
    static String trustedMethod(Call call, String... offered) {
        String method = call.method();
        if (!method.equals("GET") && !call.caller().trusted()) {
            throw ApiError.forbidden();
        }
        if (!List.of(offered).contains(method)) {
            throw new ApiError(405, "method not allowed");
        }
        return method;
    }

    /** A method the endpoint does not offer: 403 to an untrusted caller (every write is), else 405. */
    static void requireMethod(Call call, String allowed) {
        if (!call.method().equals(allowed)) {
            throw call.caller().trusted() ? new ApiError(405, "method not allowed") : ApiError.forbidden();
        }
    }

    private static void requireTrusted(Call call) {
        if (!call.caller().trusted()) {
            throw ApiError.forbidden();
        }
    }

    private Caller caller(Request request) {
        String address = Request.getRemoteAddr(request);
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl
                && ssl.peerCertificates() != null && ssl.peerCertificates().length > 0) {
            X509Certificate presented = ssl.peerCertificates()[0];
            String fingerprint = Tls.fingerprint(presented);
            return new Caller(trust.trusts(fingerprint), fingerprint, address, presented);
        }
        return new Caller(false, "", address, null);
    }

    private static Map<String, Object> project() {
        Map<String, Object> project = new LinkedHashMap<>();
        project.put("config", Map.of("features.images", "true"));
        project.put("description", "Default LXD project");
        project.put("name", "default");
        project.put("used_by", List.of());
        return project;
    }

    /** A path segment as sent, percent-decoded ({@code +} stays a plus, as in a URL path). */
    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
