package io.imgsh.engine.remote.lxd;

import com.fasterxml.jackson.databind.JsonNode;
import io.imgsh.engine.image.CountingStream;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.Http;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /1.0/images} as {@code lxc image import/copy} upload: a unified file as the raw body, a split image as
 * {@code multipart/form-data} (part {@code metadata}, then {@code rootfs}), with the {@code X-LXD-*} headers.
 */
final class LxdUpload {
    private LxdUpload() {
    }

    /**
     * Uploads {@code files} (one, or metadata then rootfs), waits for the operation; returns the server's fingerprint.
     * {@code secret}, when not empty, is the server's upload token, which lets this client upload untrusted.
     */
    static String send(LxdClient client, List<Path> files, String fingerprint, String filename, boolean isPublic,
                       Map<String, String> properties, String secret, Progress progress) {
        try {
            Path file = files.get(0);
            Path rootfs = files.size() > 1 ? files.get(1) : null;
            long fileSize = Files.size(file);
            long total = fileSize + (rootfs == null ? 0 : Files.size(rootfs));
            HttpRequest.Builder b = Http.request(client.uri("/1.0/images")).timeout(Duration.ofHours(6));
            b.header("X-LXD-fingerprint", fingerprint);
            b.header("X-LXD-filename", filename == null || filename.isEmpty() ? fingerprint : filename);
            b.header("X-LXD-public", String.valueOf(isPublic));
            if (!secret.isEmpty()) {
                b.header("X-LXD-secret", secret);
            }
            if (!properties.isEmpty()) {
                List<String> pairs = new ArrayList<>();
                properties.forEach((k, v) -> pairs.add(query(k) + "=" + query(v)));
                b.header("X-LXD-properties", String.join("&", pairs));
            }
            LxdResponse r;
            try (InputStream meta = Files.newInputStream(file);
                 InputStream root = rootfs == null ? InputStream.nullInputStream() : Files.newInputStream(rootfs)) {
                InputStream body;
                if (rootfs == null) {
                    b.header("Content-Type", "application/octet-stream");
                    body = new CountingStream(meta, 0, total, null, progress);
                } else {
                    byte[] rnd = new byte[30];
                    new SecureRandom().nextBytes(rnd);
                    String boundary = HexFormat.of().formatHex(rnd);
                    b.header("Content-Type", "multipart/form-data; boundary=" + boundary);
                    String metaName = filename == null || filename.isEmpty() ? "meta-" + fingerprint : filename;
                    body = new SequenceInputStream(Collections.enumeration(List.of(
                            ascii("--" + boundary + partHeaders("metadata", metaName)),
                            new CountingStream(meta, 0, total, "metadata", progress),
                            ascii("\r\n--" + boundary + partHeaders("rootfs", fingerprint)),
                            new CountingStream(root, fileSize, total, "rootfs", progress),
                            ascii("\r\n--" + boundary + "--\r\n"))));
                }
                InputStream upload = body;
                b.POST(HttpRequest.BodyPublishers.ofInputStream(() -> upload));
                r = client.exchange(b.build(), "POST /1.0/images");
            }
            JsonNode op = client.result(r);
            String got = op.path("metadata").path("fingerprint").asText("");
            return got.isEmpty() ? fingerprint : got;
        } catch (IOException e) {
            throw Http.failure(client.base(), e);
        }
    }

    private static String partHeaders(String name, String filename) {
        return "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + quoted(filename)
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    }

    private static InputStream ascii(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
