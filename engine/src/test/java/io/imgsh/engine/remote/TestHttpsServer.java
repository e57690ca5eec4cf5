package io.imgsh.engine.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS server on 127.0.0.1 (the JDK's), with a self-signed certificate made by keytool: serves files from
 * memory with range support, counts the bytes it sends, and can cut one response halfway to test resumption.
 */
public final class TestHttpsServer implements AutoCloseable {
    /** Transfer limits small enough for a test to wait them out. */
    public static final TransferLimits QUICK = new TransferLimits(java.time.Duration.ofMillis(300), 1000, 1 << 20);

    private static final char[] PASSWORD = "changeit".toCharArray();
    /** The names the default certificate is for. */
    static final String LOOPBACK_NAMES = "ip:127.0.0.1,dns:localhost";
    /** Keystores by the names their certificate is for: keytool takes a second, so one per test JVM. */
    private static final Map<String, KeyStore> KEY_STORES = new HashMap<>();

    private final HttpsServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> extraHeaders = new ConcurrentHashMap<>();
    private final Map<String, Long> cutOnce = new ConcurrentHashMap<>();
    private final Map<String, Long> stallOnce = new ConcurrentHashMap<>();
    private final AtomicLong bytesSent = new AtomicLong();
    private final Map<String, AtomicLong> bytesSentOf = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
    /** Opened by {@link #close}: handlers that hang wait for it. */
    private final CountDownLatch closing = new CountDownLatch(1);

    private final KeyStore keyStore;

    public TestHttpsServer() {
        this(LOOPBACK_NAMES);
    }

    /** A server whose certificate is for {@code names} (keytool's {@code san=} syntax). */
    public TestHttpsServer(String names) {
        try {
            keyStore = keyStore(names);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(ctx));
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", this::handle);
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized KeyStore keyStore(String names) throws Exception {
        KeyStore keyStore = KEY_STORES.get(names);
        if (keyStore == null) {
            Path dir = Files.createTempDirectory("imgsh-tls");
            Path p12 = dir.resolve("server.p12");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=imgsh-test", "-ext", "san=" + names, "-validity", "3650",
                    "-keystore", p12.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                    "-keypass", "changeit").redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                ks.load(in, PASSWORD);
            }
            keyStore = ks;
            KEY_STORES.put(names, ks);
        }
        return keyStore;
    }

    public URI base() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    public String url(String path) {
        return base() + path;
    }

    public X509Certificate certificate() {
        try {
            return (X509Certificate) keyStore.getCertificate("server");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String certificatePem() {
        try {
            return Tls.pem(certificate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client that trusts this server's certificate, with transfer limits no test reaches. */
    public Http client() {
        return client(new TransferLimits(java.time.Duration.ofSeconds(30), 0, 1L << 34));
    }

    /** A client that trusts this server's certificate, with {@code limits}. */
    public Http client(TransferLimits limits) {
        return new Http(new Tls().context(certificatePem()), () -> limits);
    }

    /** A trust store that holds this server's certificate, standing in for the system store. */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("server", certificate());
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public TestHttpsServer put(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    public TestHttpsServer headers(String path, Map<String, String> headers) {
        extraHeaders.put(path, headers);
        return this;
    }

    /**
     * {@code path} answers as a page for a direct import: a small page with the {@code LXD-Image-Hash} and
     * {@code LXD-Image-URL} headers (null: left out).
     */
    public TestHttpsServer directImage(String path, String hash, String url) {
        Map<String, String> direct = new HashMap<>();
        if (hash != null) {
            direct.put("LXD-Image-Hash", hash);
        }
        if (url != null) {
            direct.put("LXD-Image-URL", url);
        }
        return put(path, "see the headers\n".getBytes(StandardCharsets.UTF_8)).headers(path, direct);
    }

    /** The next full GET of {@code path} sends {@code bytes} bytes of the body and then drops the connection. */
    public void cutOnce(String path, long bytes) {
        cutOnce.put(path, bytes);
    }

    /**
     * The next full GET of {@code path} sends {@code bytes} bytes of the body and then sends nothing more until the
     * server closes (a transfer in progress, for a client to be killed in).
     */
    public void stallOnce(String path, long bytes) {
        stallOnce.put(path, bytes);
    }

    /**
     * Answers {@code path} with the length of {@code body} but only its first {@code sent} bytes, then stalls until
     * {@code release} opens (a server that stops sending mid-body).
     */
    public TestHttpsServer stallAfter(String path, byte[] body, int sent, CountDownLatch release) {
        return handler(path, ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body, 0, sent);
            ex.getResponseBody().flush();
            await(release);
            ex.close();
        });
    }

    /** {@link #stallAfter(String, byte[], int, CountDownLatch)} until the server closes. */
    public TestHttpsServer stallAfter(String path, byte[] body, int sent) {
        return stallAfter(path, body, sent, closing);
    }

    /** For a handler that stops answering: returns when the server closes (the network went quiet). */
    public void hangUntilClosed() {
        await(closing);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Serves {@code path} with {@code handler} instead of from the files (the request is still recorded). */
    public TestHttpsServer handler(String path, HttpHandler handler) {
        handlers.put(path, handler);
        return this;
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    /** The bytes of {@code path}'s body sent so far, by all its answers (those of {@link #handler}s aside). */
    public long bytesSent(String path) {
        return bytesSentOf.computeIfAbsent(path, p -> new AtomicLong()).get();
    }

    /** "METHOD path [range]" of every request, in order. */
    public List<String> requests() {
        return requests;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(ex.getRequestMethod() + " " + path + (range == null ? "" : " " + range));
        HttpHandler custom = handlers.get(path);
        if (custom != null) {
            custom.handle(ex);
            return;
        }
        byte[] body = files.get(path);
        extraHeaders.getOrDefault(path, Map.of()).forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        long start = 0;
        int status = 200;
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            start = Long.parseLong(range.substring(6, range.length() - 1));
            status = 206;
            ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/"
                    + body.length);
        }
        ex.getResponseHeaders().add("Accept-Ranges", "bytes");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        long length = body.length - start;
        ex.sendResponseHeaders(status, length);
        Long cut = status == 200 ? cutOnce.remove(path) : null;
        Long stall = status == 200 ? stallOnce.remove(path) : null;
        OutputStream out = ex.getResponseBody();
        long end = cut != null ? cut : stall != null ? stall : body.length;
        for (long pos = start; pos < end; ) {
            int n = (int) Math.min(16384, end - pos);
            out.write(body, (int) pos, n);
            bytesSent.addAndGet(n);
            bytesSentOf.computeIfAbsent(path, p -> new AtomicLong()).addAndGet(n);
            pos += n;
        }
        out.flush();
        if (stall != null) {
            await(closing);
        }
        if (cut != null) {
            // Drop the connection mid-body: closing the exchange now leaves the declared length unmet.
            throw new UncheckedIOException(new IOException("cut by test"));
        }
        ex.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
