package io.imgsh.engine.server;

import io.imgsh.engine.Engine;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.event.EventFeed;
import io.imgsh.engine.event.OperationListener;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.policy.PolicySchedule;
import io.imgsh.engine.remote.TlsIdentity;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code imgsh serve}'s HTTPS listener: LXD's image API over the store, on Jetty, with the server identity kept beside
 * the store, and on the same port the {@code /1.0/events} websocket, fed by one thread tailing the store's event log;
 * while it runs, the caching policy runs on its schedule ({@link PolicySchedule}), as in LXD's daemon. TLS 1.2 and 1.3 only. A client may present any certificate; whether it is trusted is decided per request
 * from the trust store, so that an untrusted client still reaches the public images, as LXD's clients expect.
 */
public final class ApiServer implements AutoCloseable {
    /** How often the store's event log is looked at for changes made by any process. */
    static final Duration EVENT_POLL = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final TlsIdentity identity;
    private final Operations operations;
    private final EventFeed feed;
    private final EventStreams streams;
    private final PolicySchedule policy;
    private final Duration stopTimeout;

    private ApiServer(Server server, ServerConnector connector, TlsIdentity identity, Operations operations,
                      EventFeed feed, EventStreams streams, PolicySchedule policy, Duration stopTimeout) {
        this.server = server;
        this.connector = connector;
        this.identity = identity;
        this.operations = operations;
        this.feed = feed;
        this.streams = streams;
        this.policy = policy;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Starts listening on {@code address} (port 0: any free one); the server identity is made on first start.
     * {@code engine}'s store is served and takes uploads; its remotes and copies pull the images a client asks for;
     * {@code /1.0/events} tails its event log; {@code clock} dates operations and events and says when finished
     * operations are dropped.
     */
    public static ApiServer start(Engine engine, Clock clock, InetSocketAddress address) {
        return start(engine, clock, address, ServerLimits.DEFAULT);
    }

    /** As above, within {@code limits}. */
    static ApiServer start(Engine engine, Clock clock, InetSocketAddress address, ServerLimits limits) {
        StoreImages images = engine.images();
        Path home = engine.home();
        TlsIdentity identity = TlsIdentity.loadOrCreate(home, TlsIdentity.Role.SERVER);
        QueuedThreadPool threads = new QueuedThreadPool(limits.threads(), 4);
        threads.setName("imgsh-serve");
        Server server = new Server(threads);
        server.setStopTimeout(limits.stopTimeout().toMillis());
        server.setErrorHandler(new EnvelopeErrorHandler());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        // alias names may hold a slash or a percent sign, which clients send as %2F and %25 (simplestreams aliases
        // such as ubuntu/22.04); the handler routes on the raw path and decodes one segment at a time, so neither
        // can change the route; escaped dot segments (%2e%2e) are still refused
        http.setUriCompliance(UriCompliance.DEFAULT.with("imgsh", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(sslContext(identity));
        tls.setWantClientAuth(true);
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost(address.getAddress() == null || address.getAddress().isAnyLocalAddress() ? null
                : address.getHostString());
        connector.setPort(address.getPort());
        server.addConnector(connector);
        String shown = address.getHostString() + ":" + address.getPort();
        ServerWebSocketContainer websockets = ServerWebSocketContainer.ensure(server);
        websockets.setMaxOutgoingFrames(limits.eventBacklog());
        websockets.setIdleTimeout(Duration.ZERO); // an event stream may be quiet for hours, as LXD's may
        EventFeed feed = new EventFeed(engine.events(), clock, EVENT_POLL);
        EventStreams streams = new EventStreams();
        Operations operations = new Operations(clock, Operations.KEEP, limits.maxWait(), feed);
        ImageSecrets secrets = new ImageSecrets(operations);
        Visibility visibility = new Visibility(images, secrets);
        server.setHandler(new ApiHandler(engine.trust(), new ServerInfo(engine.config(), shown, identity.certificatePem(),
                identity.fingerprint()), new ImagesApi(images, engine.copies(), operations, visibility, secrets),
                new ImagesPost(images, engine.copies(), engine.remotes(), engine.direct(), engine.config(), operations,
                        secrets),
                new ImagePush(images, engine.remotes(), visibility, operations),
                new AliasesApi(images, visibility), new OperationsApi(operations), new EventsApi(feed, streams, websockets),
                new CertificatesApi(engine.trust(), engine.config(), new PasswordAttempts(clock),
                        limits.passwordChecks()), new UntrustedBodies(limits.untrustedBodyBytes(),
                        limits.untrustedBodyReaders(), limits.untrustedBodyTime())));
        try {
            server.start();
        } catch (Exception e) {
            operations.close();
            feed.close();
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new EngineException("Cannot listen on " + shown + ": " + rootMessage(e), e);
        }
        PolicySchedule policy = PolicySchedule.start(engine.policy(), engine.verifier(),
                PolicySchedule.CHECK_EVERY);
        return new ApiServer(server, connector, identity, operations, feed, streams, policy, limits.stopTimeout());
    }

    /** Where server-side operations report their changes, which {@code /1.0/events} streams as operation events. */
    public OperationListener operationEvents() {
        return feed;
    }

    /** The port listened on (the one chosen when 0 was asked). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The server certificate clients see and pin. */
    public TlsIdentity identity() {
        return identity;
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /**
     * Stops the caching policy's schedule, ends the event streams, answers the {@code /wait}s, stops accepting, lets
     * requests in flight and running operations finish within the stop timeout each (cutting those still going
     * then, which is no failure), then stops.
     */
    @Override
    public void close() {
        policy.close();
        streams.end();
        operations.releaseWaits();
        try {
            server.stop();
        } catch (TimeoutException e) {
            LOG.warn("Stopping the server: requests still in flight after {} ms were cut", stopTimeout.toMillis());
        } catch (Exception e) {
            throw new EngineException("Stopping the server failed: " + rootMessage(e), e);
        } finally {
            operations.close(stopTimeout);
            feed.close();
        }
    }

    /** The server's key and certificate; any client certificate is accepted here and judged per request. */
    private static SSLContext sslContext(TlsIdentity identity) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identity.keyManagers(), new TrustManager[] {new AnyClient()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new EngineException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** Accepts every client certificate: trust is the trust store's decision, per request. */
    private static final class AnyClient implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws
                java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("this trust manager only judges clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
