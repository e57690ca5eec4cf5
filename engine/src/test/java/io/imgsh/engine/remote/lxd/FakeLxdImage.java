package io.imgsh.engine.remote.lxd;

import io.imgsh.engine.remote.TestHttpsServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

/** An image as a loopback {@link TestHttpsServer} playing LXD serves it: its JSON, and a unified export. */
public final class FakeLxdImage {
    private FakeLxdImage() {
    }

    /** Serves {@code GET /1.0/images/<fp>} for an image of {@code size} bytes, as LXD 5.0.2 answers it. */
    public static void announce(TestHttpsServer server, String fp, long size) {
        serve(server, "/1.0/images/" + fp, json(fp, size));
    }

    /** Serves {@code GET /1.0/images/<asked>} (a prefix, say) with the image {@code fp}. */
    public static void answer(TestHttpsServer server, String asked, String fp) {
        serve(server, "/1.0/images/" + asked, json(fp, 10));
    }

    /** Serves {@code GET /1.0/images?recursion=1} listing images with these fingerprints. */
    public static void list(TestHttpsServer server, String... fps) {
        serve(server, "/1.0/images", "[" + String.join(",", Stream.of(fps).map(fp -> json(fp, 10)).toList()) + "]");
    }

    /** The image as LXD 5.0.2 describes it ({@code api.Image}). */
    private static String json(String fp, long size) {
        return """
                {"auto_update":false,"properties":{"os":"fake"},"public":true,
                 "expires_at":"0001-01-01T00:00:00Z","profiles":["default"],"aliases":[],"architecture":"x86_64",
                 "cached":false,"filename":"%s.tar.gz","fingerprint":"%s","size":%d,"type":"container",
                 "created_at":"2026-11-01T00:00:00Z","last_used_at":"0001-01-01T00:00:00Z",
                 "uploaded_at":"2026-11-01T00:00:00Z"}""".formatted(fp, fp, size);
    }

    private static void serve(TestHttpsServer server, String path, String metadata) {
        server.put(path, ("""
                {"type":"sync","status":"Success","status_code":200,"operation":"","error_code":0,"error":"",
                 "metadata":%s}
                """).formatted(metadata).getBytes(StandardCharsets.UTF_8))
                .headers(path, Map.of("Content-Type", "application/json"));
    }

    /** Announces the image {@code fp} and serves {@code bytes} as its unified export. */
    public static void serveUnified(TestHttpsServer server, String fp, byte[] bytes) {
        announce(server, fp, bytes.length);
        String export = "/1.0/images/" + fp + "/export";
        server.put(export, bytes).headers(export, Map.of("Content-Type", "application/octet-stream",
                "Content-Disposition", "attachment; filename=" + fp + ".tar.gz"));
    }
}
