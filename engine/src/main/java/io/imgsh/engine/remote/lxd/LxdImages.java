package io.imgsh.engine.remote.lxd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.format.Messages;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFilter;
import io.imgsh.engine.image.ImagePut;
import io.imgsh.engine.image.ImageSink;
import io.imgsh.engine.image.ImageSnapshot;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.Sha256;
import io.imgsh.engine.image.UpdateSource;
import io.imgsh.engine.json.ApiTime;
import io.imgsh.engine.remote.Http;
import io.imgsh.engine.remote.Remote;
import java.io.IOException;
import java.nio.file.Path;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The images of an LXD server, through its REST API ({@code /1.0/images…}) as the {@code lxc} client uses it:
 * untrusted (public images only, read-only here) or trusted through the client certificate.
 */
public final class LxdImages implements Images {
    /** Top-level image fields LXD 5.0.2 filters correctly server-side (its bool filters never match). */
    static final Set<String> SERVER_FILTER_KEYS = Set.of("architecture", "filename", "fingerprint", "type", "size");

    private final Remote remote;
    private final LxdClient client;
    /** The query that lets an untrusted client read a private image ({@code ?secret=…}), or "". */
    private final String secretQuery;

    public LxdImages(Remote remote, Http http) {
        this(remote, http, "");
    }

    /**
     * The images of {@code remote} as a client holding {@code secret} (from {@code POST /1.0/images/<fp>/secret} on
     * the server) sees them: the private image it was made for can be read and exported by its fingerprint.
     */
    public LxdImages(Remote remote, Http http, String secret) {
        this.remote = remote;
        this.client = new LxdClient(remote.url(), http);
        this.secretQuery = secret.isEmpty() ? "" : "?secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    }


    @Override
    public String remote() {
        return remote.name();
    }

    /** What a copy by alias from here records: LXD's own image type is not recorded for an lxd server. */
    @Override
    public UpdateSource updateSource(String alias, Image image) {
        return new UpdateSource(alias, remote.certificate(), Remote.LXD, remote.url(), "");
    }

    /**
     * A remote added with {@code --public} is read-only, as in lxc, without asking the server; a trusted one is
     * writable here, and the server refuses what it no longer allows.
     */
    @Override
    public Optional<String> readOnlyBecause() {
        return remote.isPublic() ? Optional.of("The remote isn't a private LXD server") : Optional.empty();
    }

    /**
     * The images, with the {@code key=value} filters LXD can apply sent as {@code filter=} (top-level non-bool
     * fields only, as {@code lxc} sends them; 5.0.2's bool filters never match), then all filters applied as LXD's
     * server and {@code lxc} apply them ({@link ImageFilter#of}).
     */
    @Override
    public List<Image> list(List<String> filters) {
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
                list = client.get("/1.0/images?recursion=1&filter="
                        + LxdClient.segment(String.join(" and ", server))).metadata();
            } catch (EngineException e) {
                if (e.getCause() instanceof IOException) {
                    throw e; // the server is unreachable: asking again without the filter would only wait again
                }
                list = client.get("/1.0/images?recursion=1").metadata();
            }
        } else {
            list = client.get("/1.0/images?recursion=1").metadata();
        }
        ImageFilter filter = ImageFilter.of(filters);
        List<Image> out = new ArrayList<>();
        for (JsonNode node : list) {
            Image image = LxdJson.image(node);
            // fingerprints name files: one that is not a SHA-256 is no image of ours
            if (Sha256.isHash(image.fingerprint()) && filter.matches(image)) {
                out.add(image);
            }
        }
        return out;
    }

    @Override
    public Image resolve(String reference) {
        return resolveSnapshot(reference).image();
    }

    /** As {@link #resolve}, with the image's ETag. */
    private ImageSnapshot resolveSnapshot(String reference) {
        if (reference.isEmpty()) {
            throw new NotFoundException("Image not found");
        }
        try {
            return snapshot(alias(reference).target());
        } catch (NotFoundException e) {
            return snapshot(reference);
        }
    }

    @Override
    public Image byFingerprint(String prefix) {
        return snapshot(prefix).image();
    }

    /** The image with this fingerprint or unique prefix (the server resolves it), and its ETag. */
    @Override
    public ImageSnapshot snapshot(String prefix) {
        if (prefix.isEmpty() || prefix.contains("/")) {
            throw new NotFoundException("Image not found");
        }
        try {
            LxdResponse r = client.get("/1.0/images/" + LxdClient.segment(prefix) + secretQuery);
            Image image = LxdJson.image(r.metadata());
            if (!Sha256.isHash(image.fingerprint())) {
                throw new EngineException("Invalid image from the server: its fingerprint \""
                        + Messages.printable(image.fingerprint()) + "\" is not a SHA-256");
            }
            return new ImageSnapshot(image, r.etag());
        } catch (NotFoundException e) {
            throw new NotFoundException("Image not found");
        }
    }

    private AliasEntry alias(String name) {
        return LxdJson.alias(client.get("/1.0/images/aliases/" + LxdClient.segment(name)).metadata());
    }

    @Override
    public List<AliasEntry> aliases(List<String> filters) {
        List<AliasEntry> out = new ArrayList<>();
        for (JsonNode a : client.get("/1.0/images/aliases?recursion=1").metadata()) {
            AliasEntry alias = LxdJson.alias(a);
            if (alias.matches(filters)) {
                out.add(alias);
            }
        }
        return out;
    }

    @Override
    public long export(Image image, ImageSink sink, Progress progress) {
        return LxdExport.read(client, "/1.0/images/" + LxdClient.segment(image.fingerprint()) + "/export"
                + secretQuery, image.size(), sink, progress);
    }

    /** {@code PUT /1.0/images/<fp>} with {@code If-Match}, as {@code lxc image edit/set-property} do. */
    @Override
    public void update(String fingerprint, ImagePut put, String etag) {
        requireWritable();
        ObjectNode body = LxdResponse.JSON.createObjectNode();
        body.put("auto_update", put.autoUpdate());
        ObjectNode props = body.putObject("properties");
        put.properties().forEach(props::put);
        body.put("public", put.isPublic());
        body.put("expires_at", ApiTime.format(put.expiresAt() == null ? ApiTime.NEVER : put.expiresAt()));
        var profiles = body.putArray("profiles");
        (put.profiles() == null ? List.of("default") : put.profiles()).forEach(profiles::add);
        Map<String, String> headers = etag == null || etag.isEmpty() ? Map.of()
                : Map.of("If-Match", "\"" + etag + "\"");
        client.call("PUT", "/1.0/images/" + LxdClient.segment(fingerprint), body.toString(), headers);
    }

    /** {@code DELETE /1.0/images/<fp>}, waiting for the operation. */
    @Override
    public void delete(String fingerprint) {
        requireWritable();
        client.result(client.call("DELETE", "/1.0/images/" + LxdClient.segment(fingerprint), null, Map.of()));
    }

    @Override
    public void createAlias(String name, String target, String description) {
        requireWritable();
        ObjectNode body = LxdResponse.JSON.createObjectNode();
        body.put("description", description == null ? "" : description);
        body.put("target", target);
        body.put("name", name);
        body.put("type", "");
        client.call("POST", "/1.0/images/aliases", body.toString(), Map.of());
    }

    @Override
    public void renameAlias(String name, String newName) {
        requireWritable();
        ObjectNode body = LxdResponse.JSON.createObjectNode();
        body.put("name", newName);
        client.call("POST", "/1.0/images/aliases/" + LxdClient.segment(name), body.toString(), Map.of());
    }

    @Override
    public void deleteAlias(String name) {
        requireWritable();
        client.call("DELETE", "/1.0/images/aliases/" + LxdClient.segment(name), null, Map.of());
    }

    /**
     * {@code POST /1.0/images/<fp>/refresh}: the server refreshes the image from its own recorded source; true when
     * that brought a new image (the operation's {@code refreshed}).
     */
    public boolean refresh(String fingerprint) {
        requireWritable();
        JsonNode op = client.result(client.call("POST", "/1.0/images/" + LxdClient.segment(fingerprint) + "/refresh",
                "{}", Map.of()));
        return op.path("metadata").path("refreshed").asBoolean(false);
    }

    /**
     * Points each alias at {@code fingerprint} as {@code lxc image copy} does after an upload: an alias that already
     * exists elsewhere is deleted first, one that already points there is left alone.
     */
    public void pointAliases(Collection<String> names, String fingerprint) {
        if (names.isEmpty()) {
            return;
        }
        Map<String, String> existing = new LinkedHashMap<>();
        for (AliasEntry a : aliases(List.of())) {
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
     * Uploads an image's files (one, or metadata then rootfs) as {@code lxc image import/copy} does, waits for the
     * operation and returns the fingerprint the server computed.
     */
    public String upload(List<Path> files, String fingerprint, String filename, boolean isPublic,
                         Map<String, String> properties, Progress progress) {
        requireWritable();
        return LxdUpload.send(client, files, fingerprint, filename, isPublic, properties, "", progress);
    }

    /**
     * Uploads an image's files with the server's upload token {@code secret} (made for a push, {@code lxc image copy
     * --mode push}), which lets this client upload without being trusted, as an LXD daemon pushes: named by their
     * fingerprint; what the image is given (aliases, public…) the token says. Waits for the operation.
     */
    public void pushUpload(List<Path> files, String fingerprint, String secret, Progress progress) {
        LxdUpload.send(client, files, fingerprint, fingerprint, false, Map.of(), secret, progress);
    }
}
