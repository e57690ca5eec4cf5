package io.imgsh.engine.streams;

import io.imgsh.engine.remote.TlsIdentity;
import io.imgsh.store.E2e;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx serving a directory over HTTPS on a loopback port with a self-signed certificate of its own (in
 * {@code dir}: {@code server.crt}, which the test trusts), with the streams build's include for the direct protocol.
 */
final class Nginx implements AutoCloseable {
    static final Path BINARY = Path.of(System.getenv().getOrDefault("IMGSH_NGINX", "/usr/sbin/nginx"));

    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** nginx serving {@code root}, or a skipped test (failed under {@code IMGSH_REQUIRE_E2E=1}) without it. */
    static Nginx serve(Path root, Path dir) throws IOException, InterruptedException {
        E2e.require(Files.isExecutable(BINARY), "nginx is not installed (" + BINARY + ")");
        Files.createDirectories(dir);
        TlsIdentity.loadOrCreate(dir, TlsIdentity.Role.SERVER);
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        // user root: the test's temporary directories are private to it, and workers would otherwise run as nobody
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                user root;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 64; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    types { application/json json; }
                    default_type application/octet-stream;
                    server {
                        listen 127.0.0.1:%2$d ssl;
                        ssl_certificate %1$s/server.crt;
                        ssl_certificate_key %1$s/server.key;
                        ssl_protocols TLSv1.2 TLSv1.3;
                        root %3$s;
                        include %3$s/direct/nginx.conf;
                    }
                }
                """.formatted(dir, port, root));
        Process p = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf")
                .toString(), "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        Nginx nginx = new Nginx(p, port, dir);
        for (int i = 0; i < 200 && !nginx.listening(); i++) {
            if (!p.isAlive()) {
                throw new AssertionError("nginx did not start: " + Files.readString(dir.resolve("out.log"))
                        + Files.readString(dir.resolve("error.log")));
            }
            Thread.sleep(50);
        }
        return nginx;
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String url() {
        return "https://127.0.0.1:" + port;
    }

    /** The certificate the server presents (PEM): trusted by the clients of the test. */
    Path certificate() {
        return dir.resolve("server.crt");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
