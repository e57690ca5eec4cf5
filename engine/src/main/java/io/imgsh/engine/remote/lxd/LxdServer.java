package io.imgsh.engine.remote.lxd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.CountingStream;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import io.imgsh.engine.image.ImageExport;
import io.imgsh.engine.image.PartialFile;
import io.imgsh.engine.image.ImageFilter;
import io.imgsh.engine.image.ImagePut;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.UpdateSource;
import io.imgsh.engine.json.ApiTime;
import io.imgsh.engine.json.GoJson;
import io.imgsh.engine.remote.Http;
import io.imgsh.engine.remote.ImageServer;
import io.imgsh.engine.remote.Remote;
import io.imgsh.engine.remote.RemoteImage;
import io.imgsh.engine.remote.TransferLimits;
import io.imgsh.store.Ingest;
import io.imgsh.store.StoreWriteException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An LXD server spoken to over its REST API ({@code /1.0/images…}), as the {@code lxc} client does: untrusted
 * (public images only) or trusted through the client certificate its {@link Http} presents.
 */
public final class LxdServer implements ImageServer {
    static final long MAX_JSON_BYTES = 64L << 20;
    /** How long one {@code /wait} request lets the server hold its answer (less than {@link Http}'s timeout). */
    static final int WAIT_SECONDS = 20;
    /** Top-level image fields LXD 5.0.2 filters correctly server-side (its bool filters never match). */
    static final Set<String> SERVER_FILTER_KEYS = Set.of("architecture", "filename", "fingerprint", "type", "size");
    /**
     * What a split image's export may carry besides its two files: the multipart delimiters and part headers (a
     * few hundred bytes from LXD).
     */
    static final long MULTIPART_FRAMING = 64 << 10;

    private final Remote remote;
    private final Http http;
    private final URI base;

    public LxdServer(Remote remote, Http http) {
        this.remote = remote;
        this.http = http;
        this.base = URI.create(remote.url().replaceAll("/+$", ""));
    }

    @Override
    public Remote remote() {
        return remote;
    }

    URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    LxdResponse call(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder b = Http.request(uri(path));
        headers.forEach(b::header);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : GoJson.write(body)));
        }
        return exchange(b.build(), method + " " + path);
    }

    LxdResponse get(String path) {
        return call("GET", path, null, Map.of());
    }

    private LxdResponse exchange(HttpRequest request, String what) {
        HttpResponse<InputStream> response = http.send(request);
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes((int) MAX_JSON_BYTES);
        } catch (IOException e) {
            throw Http.failure(request.uri(), e);
        }
        return LxdResponse.parse(response.statusCode(), bytes, response.headers().firstValue("ETag").orElse(null),
                what);
    }

    /** Waits for an operation to finish; its failure becomes an error with the operation's message. */
    JsonNode waitFor(String operation) {
        String path = operation.startsWith("/") ? operation : "/1.0/operations/" + operation;
        while (true) {
            // the server answers within WAIT_SECONDS, well inside the client's header timeout, then we ask again
            JsonNode op = get(path + "/wait?timeout=" + WAIT_SECONDS).metadata();
            String status = op.path("status").asText();
            int code = op.path("status_code").asInt();
            if (code == 200 || status.equals("Success")) {
                return op;
            }
            if (code >= 400 || status.equals("Failure") || status.equals("Cancelled")) {
                String err = op.path("err").asText("");
                throw new EngineException(err.isEmpty() ? "The operation failed: " + status : err);
            }
        }
    }

    /** {@code GET /1.0}: whether the server trusts this client ({@code auth: trusted}). */
    public boolean trusted() {
        return "trusted".equals(get("/1.0").metadata().path("auth").asText());
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    @Override
    public List<RemoteImage> images() {
        return images(List.of());
    }

    /**
     * The images, with the {@code key=value} filters LXD can apply sent as {@code filter=} (top-level non-bool
     * fields only, as {@code lxc} sends them; 5.0.2's bool filters never match), then all filters applied as LXD's
     * server and {@code lxc} apply them ({@link ImageFilter#of}).
     */
    @Override
    public List<RemoteImage> images(List<String> filters) {
        List<String> server = new ArrayList<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq > 0) {
                String key = f.substring(0, eq);
                String value = f.substring(eq + 1);
                if (SERVER_FILTER_KEYS.contains(key) && !value.contains(",") && !value.isEmpty()) {
                    server.add(key + " eq " + value);
                }
            }
        }
        JsonNode list;
        if (!server.isEmpty()) {
            try {
                list = get("/1.0/images?recursion=1&filter=" + segment(String.join(" and ", server))).metadata();
            } catch (EngineException e) {
                if (e.getCause() instanceof IOException) {
                    throw e; // the server is unreachable: asking again without the filter would only wait again
                }
                list = get("/1.0/images?recursion=1").metadata();
            }
        } else {
            list = get("/1.0/images?recursion=1").metadata();
        }
        ImageFilter filter = ImageFilter.of(filters);
        List<RemoteImage> out = new ArrayList<>();
        for (JsonNode node : list) {
            Image image = image(node);
            if (filter.matches(image)) {
                out.add(new RemoteImage(image, List.of()));
            }
        }
        return out;
    }

    @Override
    public RemoteImage resolve(String name) {
        return new RemoteImage(resolveWithETag(name).value(), List.of()); // its files come in one export
    }

    /** As {@link #resolve}, with the image's ETag, for a read-modify-write with {@code If-Match}. */
    public Tagged<Image> resolveWithETag(String name) {
        if (name.isEmpty()) {
            throw new NotFoundException("Image not found");
        }
        try {
            AliasEntry alias = alias(name);
            return imageWithETag(alias.target());
        } catch (NotFoundException e) {
            return imageWithETag(name);
        }
    }

    @Override
    public RemoteImage byFingerprint(String prefix) {
        return new RemoteImage(imageWithETag(prefix).value(), List.of());
    }

    /** The image with this fingerprint or unique prefix, and its ETag. */
    public Tagged<Image> imageWithETag(String prefix) {
        if (prefix.isEmpty() || prefix.contains("/")) {
            throw new NotFoundException("Image not found");
        }
        try {
            LxdResponse r = get("/1.0/images/" + segment(prefix));
            return new Tagged<>(image(r.metadata()), r.etag());
        } catch (NotFoundException e) {
            throw new NotFoundException("Image not found");
        }
    }

    /** A value with the ETag the server sent for it. */
    public record Tagged<T>(T value, String etag) {
    }

    public AliasEntry alias(String name) {
        JsonNode a = get("/1.0/images/aliases/" + segment(name)).metadata();
        return aliasEntry(a);
    }

    @Override
    public List<AliasEntry> aliases() {
        List<AliasEntry> out = new ArrayList<>();
        for (JsonNode a : get("/1.0/images/aliases?recursion=1").metadata()) {
            out.add(aliasEntry(a));
        }
        return out;
    }

    private static AliasEntry aliasEntry(JsonNode a) {
        return new AliasEntry(a.path("description").asText(""), a.path("target").asText(""), a.path("name").asText(""),
                a.path("type").asText("container"));
    }

    /** LXD's {@code api.Image} JSON as the engine's record. */
    static Image image(JsonNode n) {
        Map<String, String> properties = new LinkedHashMap<>();
        n.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
        List<String> profiles = new ArrayList<>();
        n.path("profiles").forEach(p -> profiles.add(p.asText()));
        List<ImageAlias> aliases = new ArrayList<>();
        n.path("aliases").forEach(a -> aliases.add(new ImageAlias(a.path("name").asText(),
                a.path("description").asText(""))));
        UpdateSource source = null;
        JsonNode us = n.path("update_source");
        if (us.isObject()) {
            source = new UpdateSource(us.path("alias").asText(""), us.path("certificate").asText(""),
                    us.path("protocol").asText(""), us.path("server").asText(""), us.path("image_type").asText(""));
        }
        String type = n.path("type").asText("");
        return new Image(n.path("auto_update").asBoolean(), Collections.unmodifiableMap(properties),
                n.path("public").asBoolean(), time(n, "expires_at"), profiles, aliases,
                n.path("architecture").asText(""), n.path("cached").asBoolean(), n.path("filename").asText(""),
                n.path("fingerprint").asText(""), n.path("size").asLong(), source, type.isEmpty() ? "container" : type,
                time(n, "created_at"), time(n, "last_used_at"), time(n, "uploaded_at"));
    }

    private static Instant time(JsonNode n, String field) {
        String text = n.path(field).asText("");
        if (text.isEmpty()) {
            return ApiTime.NEVER;
        }
        try {
            Instant t = ApiTime.parse(text);
            return t == null ? ApiTime.NEVER : t;
        } catch (IllegalArgumentException e) {
            return ApiTime.NEVER;
        }
    }

    // ---- downloading -------------------------------------------------------------------------------------------

    /**
     * Streams {@code GET /1.0/images/<fp>/export} into {@code ingest}: a unified file into one part (resumed with a
     * range request if the connection breaks), a split image's multipart body into two. The caller checks the
     * combined SHA-256 against the fingerprint.
     */
    @Override
    public long fetchInto(RemoteImage image, Ingest ingest, Progress progress) {
        URI url = uri("/1.0/images/" + image.fingerprint() + "/export");
        long total = image.image().size();
        TransferLimits limits = http.limits();
        HttpResponse<InputStream> response = http.send(Http.request(url).GET().build());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status != 200) {
                LxdResponse.parse(status, body.readNBytes(1 << 20), null, "GET " + url.getPath());
                throw new EngineException("Failed to fetch " + url + ": HTTP " + status);
            }
            if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                // the two parts of a split image arrive in one body, which a range request cannot resume
                InputStream bounded = limits.bounded(body, url, announced(total), MULTIPART_FRAMING);
                int parts = MultipartParts.read(bounded, contentType, (i, name, filename, in) -> {
                    if (i == 0 && !name.equals("metadata") || i == 1 && !name.startsWith("rootfs") || i > 1) {
                        throw new EngineException("Invalid multipart image from " + url.getHost() + ": unexpected"
                                + " part \"" + name + "\"");
                    }
                    if (i == 1) {
                        ingest.nextPart();
                    }
                    ingest.drain(new CountingStream(in, ingest.size(), total, i == 0 ? "metadata" : "rootfs",
                            progress));
                });
                if (parts != 2) {
                    throw new EngineException("Invalid multipart image from " + url.getHost() + ": " + parts
                            + " parts instead of 2");
                }
            } else {
                if (!response.headers().firstValue("Content-Disposition").orElse("").contains("filename=")) {
                    throw new EngineException("Invalid export response from " + url.getHost()
                            + ": no filename in Content-Disposition");
                }
                InputStream bounded = limits.bounded(http.resumable(url, response), url, announced(total), 0);
                ingest.drain(new CountingStream(bounded, 0, total, null, progress));
            }
            return ingest.size();
        } catch (StoreWriteException e) {
            throw new EngineException(e.getMessage(), e);
        } catch (IOException e) {
            throw Http.failure(url, e);
        }
    }

    /**
     * {@code image export remote:IMAGE [TARGET]}: the export is streamed into partial files beside the target
     * (locked while written, so that a killed export's are told apart and removed by the next export there), then
     * renamed to the names a local export uses ({@link ImageExport}); what is not renamed always goes.
     */
    public List<Path> export(String fingerprint, String target, Progress progress) {
        URI url = uri("/1.0/images/" + fingerprint + "/export");
        Path dir = target == null ? Path.of("").toAbsolutePath()
                : Files.isDirectory(Path.of(target)) ? Path.of(target).toAbsolutePath()
                : Path.of(target).toAbsolutePath().getParent();
        List<PartialFile> tmp = new ArrayList<>();
        Function<String, OutputStream> temp = suffix -> {
            try {
                PartialFile partial = PartialFile.create(dir.resolve(fingerprint + suffix));
                tmp.add(partial);
                return Channels.newOutputStream(partial.channel()); // never closed: that would release the lock
            } catch (IOException e) {
                throw new EngineException("Export failed: " + e.getMessage(), e);
            }
        };
        try {
            long announced = announced(imageWithETag(fingerprint).value().size());
            TransferLimits limits = http.limits();
            HttpResponse<InputStream> response = http.send(Http.request(url).GET().build());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    LxdResponse.parse(response.statusCode(), body.readNBytes(1 << 20), null, "GET " + url.getPath());
                    throw new EngineException("Failed to fetch " + url + ": HTTP " + response.statusCode());
                }
                long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                    InputStream counted = new CountingStream(limits.bounded(body, url, announced, MULTIPART_FRAMING),
                            0, length, null, progress);
                    MultipartParts.read(counted, contentType, (i, name, filename, in) -> {
                        if (i > 1) {
                            throw new EngineException("Invalid multipart image: unexpected part \"" + name + "\"");
                        }
                        new DigestInputStream(in, digest).transferTo(temp.apply(i == 0 ? ".meta" : ".rootfs"));
                    });
                    if (tmp.size() != 2) {
                        throw new EngineException("Invalid multipart image: " + tmp.size() + " parts instead of 2");
                    }
                } else {
                    InputStream bounded = limits.bounded(http.resumable(url, response), url, announced, 0);
                    new DigestInputStream(new CountingStream(bounded, 0, length, null, progress), digest)
                            .transferTo(temp.apply(".image"));
                }
            }
            String got = HexFormat.of().formatHex(digest.digest());
            if (!got.equals(fingerprint)) {
                throw new EngineException("Image fingerprint mismatch: expected " + fingerprint + ", got " + got);
            }
            return new ImageExport(tmp.get(0).path(), tmp.size() > 1 ? tmp.get(1).path() : null, fingerprint)
                    .moveTo(target);
        } catch (IOException e) {
            throw Http.failure(url, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            tmp.forEach(PartialFile::close);
        }
    }

    /** The size the server announced for an image, or -1 for none (LXD always announces one; 0 is none). */
    private static long announced(long size) {
        return size > 0 ? size : -1;
    }

    // ---- writing (trusted) -------------------------------------------------------------------------------------

    /** {@code PUT /1.0/images/<fp>} with {@code If-Match}, as {@code lxc image edit/set-property} do. */
    public void update(String fingerprint, ImagePut put, String etag) {
        ObjectNode body = LxdResponse.JSON.createObjectNode();
        body.put("auto_update", put.autoUpdate());
        ObjectNode props = body.putObject("properties");
        put.properties().forEach(props::put);
        body.put("public", put.isPublic());
        body.put("expires_at", ApiTime.format(put.expiresAt() == null ? ApiTime.NEVER : put.expiresAt()));
        var profiles = body.putArray("profiles");
        (put.profiles() == null ? List.of("default") : put.profiles()).forEach(profiles::add);
        Map<String, String> headers = etag == null || etag.isEmpty() ? Map.of() : Map.of("If-Match", "\"" + etag + "\"");
        call("PUT", "/1.0/images/" + segment(fingerprint), body.toString(), headers);
    }

    /** {@code DELETE /1.0/images/<fp>}, waiting for the operation. */
    public void delete(String fingerprint) {
        LxdResponse r = call("DELETE", "/1.0/images/" + segment(fingerprint), null, Map.of());
        if (r.type().equals("async")) {
            waitFor(r.operation());
        }
    }

    public void createAlias(String name, String target, String description) {
        ObjectNode body = LxdResponse.JSON.createObjectNode();
        body.put("description", description == null ? "" : description);
        body.put("target", target);
        body.put("name", name);
        body.put("type", "");
        call("POST", "/1.0/images/aliases", body.toString(), Map.of());
    }

    public void deleteAlias(String name) {
        call("DELETE", "/1.0/images/aliases/" + segment(name), null, Map.of());
    }

    public void renameAlias(String name, String newName) {
        ObjectNode body = LxdResponse.JSON.createObjectNode();
        body.put("name", newName);
        call("POST", "/1.0/images/aliases/" + segment(name), body.toString(), Map.of());
    }

    /**
     * Points each alias at {@code fingerprint} as {@code lxc image copy} does after an upload: an alias that already
     * exists elsewhere is deleted first, one that already points there is left alone.
     */
    public void pointAliases(List<String> names, String fingerprint) {
        if (names.isEmpty()) {
            return;
        }
        Map<String, String> existing = new LinkedHashMap<>();
        for (AliasEntry a : aliases()) {
            existing.put(a.name(), a.target());
        }
        for (String name : names) {
            String target = existing.get(name);
            if (fingerprint.equals(target)) {
                continue;
            }
            if (target != null) {
                deleteAlias(name);
            }
            createAlias(name, fingerprint, "");
        }
    }

    /**
     * Uploads an image as {@code lxc image import/copy} does: a unified file as the raw body, a split image as
     * {@code multipart/form-data} (part {@code metadata}, then {@code rootfs}), with the {@code X-LXD-*} headers;
     * waits for the operation and returns the fingerprint the server computed.
     */
    public String upload(Path file, Path rootfs, String fingerprint, String filename, boolean isPublic,
                         Map<String, String> properties, Progress progress) {
        try {
            long fileSize = Files.size(file);
            long total = fileSize + (rootfs == null ? 0 : Files.size(rootfs));
            HttpRequest.Builder b = Http.request(uri("/1.0/images")).timeout(java.time.Duration.ofHours(6));
            b.header("X-LXD-fingerprint", fingerprint);
            b.header("X-LXD-filename", filename == null || filename.isEmpty() ? fingerprint : filename);
            b.header("X-LXD-public", String.valueOf(isPublic));
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
                r = exchange(b.build(), "POST /1.0/images");
            }
            JsonNode op = r.type().equals("async") ? waitFor(r.operation()) : r.metadata();
            String got = op.path("metadata").path("fingerprint").asText("");
            return got.isEmpty() ? fingerprint : got;
        } catch (IOException e) {
            throw Http.failure(base, e);
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

    /** {@code POST /1.0/certificates} with the trust password (LXD 5.0): makes this client's certificate trusted. */
    public void addTrust(String password) {
        ObjectNode body = LxdResponse.JSON.createObjectNode();
        body.put("type", "client");
        body.put("password", password);
        call("POST", "/1.0/certificates", body.toString(), Map.of());
    }
}
