package io.imgsh.engine.remote;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust for remotes: the system trust store, or exactly one pinned server certificate (then the certificate
 * itself is the identity, and host names are not checked against it, as LXD does for accepted certificates).
 */
public final class Tls {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * A whole handshake of {@link #fetchCertificatePem} or {@link #trusted}: the read timeout bounds each wait alone,
     * and a server that sends a byte now and then would hold one for hours.
     */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, SSLContext> contexts = new ConcurrentHashMap<>();
    private final KeyStore trustStore;
    private final Duration handshakeTimeout;
    /** Loaded on first use: parsing the system store would otherwise cost every command that opens an engine. */
    private volatile X509TrustManager systemTrust;

    public Tls() {
        this(null);
    }

    /** {@code trustStore} null means the JDK's default (system) trust store; tests pass their own. */
    public Tls(KeyStore trustStore) {
        this(trustStore, HANDSHAKE_TIMEOUT);
    }

    Tls(KeyStore trustStore, Duration handshakeTimeout) {
        this.trustStore = trustStore;
        this.handshakeTimeout = handshakeTimeout;
    }

    private X509TrustManager systemTrust() {
        X509TrustManager trust = systemTrust;
        if (trust == null) {
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore);
                trust = Arrays.stream(tmf.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                        .map(X509TrustManager.class::cast).findFirst().orElseThrow();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            systemTrust = trust;
        }
        return trust;
    }

    /** The context for connections that trust {@code pinnedPem} only, or the system store when it is empty. */
    public SSLContext context(String pinnedPem) {
        return contexts.computeIfAbsent(pinnedPem == null ? "" : pinnedPem, pem -> newContext(pem, null));
    }

    /**
     * A new context that trusts {@code pinnedPem} (or the system store when empty) and presents the client
     * certificate of {@code keys} to servers that ask for one (trusted lxd remotes).
     */
    public SSLContext clientContext(String pinnedPem, javax.net.ssl.KeyManager[] keys) {
        return newContext(pinnedPem == null ? "" : pinnedPem, keys);
    }

    private SSLContext newContext(String pem, javax.net.ssl.KeyManager[] keys) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            TrustManager tm = pem.isEmpty() ? systemTrust() : new Pinned(parsePem(pem));
            ctx.init(keys, new TrustManager[] {tm}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new EngineException("Invalid pinned certificate: " + e.getMessage(), e);
        }
    }

    /** Connects once, trusting anything, and returns the server's leaf certificate as PEM. */
    public String fetchCertificatePem(URI url) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new Pinned(null)}, null);
            try (SSLSocket socket = handshake(ctx, url, false)) {
                X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                return pem(leaf);
            }
        } catch (GeneralSecurityException e) {
            throw new EngineException("TLS failure with " + url.getHost() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw Http.failure(url, e);
        }
    }

    /** Whether the system trust store vouches for the server's certificate (for this host); unreachable fails. */
    public boolean trusted(URI url) {
        try (SSLSocket ignored = handshake(context(""), url, true)) {
            return true;
        } catch (SSLException e) {
            return false;
        } catch (IOException e) {
            throw Http.failure(url, e);
        }
    }

    /** The SHA-256 of a certificate's DER encoding in hex, as LXD shows certificate fingerprints. */
    public static String fingerprint(String pem) {
        try {
            return fingerprint(CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException e) {
            throw new EngineException("Invalid certificate: " + e.getMessage(), e);
        }
    }

    /** As {@link #fingerprint(String)}, of a parsed certificate. */
    public static String fingerprint(Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new EngineException("Invalid certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A completed handshake, within {@link #handshakeTimeout} in all (the socket is closed when it runs out);
     * {@code checkName}: the certificate must also name the host, as HTTPS requires.
     */
    private SSLSocket handshake(SSLContext ctx, URI url, boolean checkName) throws IOException {
        int port = Http.port(url);
        Socket plain = new Socket();
        ScheduledFuture<?> deadline = Deadlines.CLOSER.schedule(() -> closeQuietly(plain),
                handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            plain.connect(new InetSocketAddress(url.getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
            plain.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
            SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket(plain, url.getHost(), port, true);
            if (checkName) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
            }
            socket.startHandshake();
            if (!deadline.cancel(false)) {
                throw timedOut(); // it ran out as the handshake ended: the socket is closed
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            boolean ranOut = !deadline.cancel(false);
            plain.close();
            if (ranOut && !(e instanceof SocketTimeoutException)) {
                throw timedOut();
            }
            throw e;
        }
    }

    private static SocketTimeoutException timedOut() {
        return new SocketTimeoutException("TLS handshake timed out");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is asked
        }
    }

    /** Made on first use: a command that makes no handshake of its own starts no thread. */
    private static final class Deadlines {
        static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "imgsh-tls-deadline");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static String pem(X509Certificate cert) throws CertificateException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    public static X509Certificate parsePem(String pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Trusts exactly one certificate; with null, anything (used only to fetch the certificate to pin). */
    private static final class Pinned extends X509ExtendedTrustManager {
        private final X509Certificate pinned;

        Pinned(X509Certificate pinned) {
            this.pinned = pinned;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (pinned != null && (chain.length == 0 || !chain[0].equals(pinned))) {
                throw new CertificateException("the server certificate is not the pinned one");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
