package io.imgsh.engine.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.imgsh.engine.config.ConfigService;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImagePut;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.Sha256;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.CopyService;
import io.imgsh.engine.remote.Remote;
import io.imgsh.engine.remote.RemoteService;
import io.imgsh.engine.remote.TransferLimits;
import io.imgsh.engine.remote.direct.DirectImportRequest;
import io.imgsh.engine.remote.direct.DirectImporter;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code POST /1.0/images}, trusted callers only: an upload (the image as the body), or a JSON request whose
 * {@code source} is an image on another lxd or simplestreams server to pull, or a URL of the direct protocol (under
 * the allow-list of {@code image import https://…}), or a push (an upload token that another server will use). Each
 * ends as LXD's "Downloading image" operation, whose metadata on success is
 * {@code {"fingerprint": …, "size": "<bytes>"}}. An untrusted caller may only upload, with an upload token's secret
 * ({@code X-LXD-secret}) and the image's fingerprint ({@code X-LXD-fingerprint}).
 */
final class ImagesPost {
    static final String DESCRIPTION = "Downloading image";

    private final StoreImages images;
    private final CopyService copies;
    private final RemoteService remotes;
    private final DirectImporter direct;
    private final ConfigService config;
    private final Operations operations;
    private final ImageSecrets secrets;

    ImagesPost(StoreImages images, CopyService copies, RemoteService remotes, DirectImporter direct,
               ConfigService config, Operations operations, ImageSecrets secrets) {
        this.images = images;
        this.copies = copies;
        this.remotes = remotes;
        this.direct = direct;
        this.config = config;
        this.operations = operations;
        this.secrets = secrets;
    }

    /** LXD's {@code ImagesPost}, the fields imgsh acts on. */
    record Request(Source source, @JsonProperty("public") boolean isPublic,
                   @JsonProperty("auto_update") boolean autoUpdate, List<Alias> aliases,
                   Map<String, String> properties, @JsonProperty("expires_at") String expiresAt) {
        List<String> aliasNames() {
            return aliases == null ? List.of() : aliases.stream().map(Alias::name).toList();
        }

        Map<String, String> extraProperties() {
            return properties == null ? Map.of() : properties;
        }
    }

    /** LXD's {@code ImagesPostSource}. */
    record Source(String type, String mode, String server, String protocol, String alias, String fingerprint,
                  String certificate, String secret, String url) {
    }

    record Alias(String name, String description) {
    }

    void post(Call call) {
        // as LXD, a secret is used up whoever sends it
        Optional<UploadGrant> grant = call.header("X-LXD-secret").flatMap(secret -> secrets.useUpload(
                call.header("X-LXD-fingerprint").orElse(""), secret)).map(UploadGrant::of);
        if (!call.caller().trusted() && grant.isEmpty()) {
            throw ApiError.forbidden();
        }
        TransferLimits limits = TransferLimits.of(config);
        ImageUpload upload = new ImageUpload(images, limits);
        RequestBody body = upload.open(call);
        Duration before = call.idleTimeout(limits.stallTimeout());
        try {
            if (isJson(call, body)) {
                if (grant.isPresent()) {
                    throw new ApiError(400, "An upload token's secret comes with an image, not with a request");
                }
                pull(call, JsonBody.read(body).as(Request.class));
            } else {
                // the body is read (and stored) before the answer, as LXD reads it before it starts the operation
                UploadGrant given = grant.orElse(UploadGrant.NONE);
                ImageUpload.Outcome outcome = upload.receive(call, body, given);
                // a pushed upload carries a secret of its own, by which the (untrusted) pushing server waits for it
                Map<String, Object> kept = grant.isPresent() ? Map.of("secret", secrets.secret()) : Map.of();
                call.async(operations.start(DESCRIPTION, null, kept, progress -> {
                    Map<String, Object> done = outcome.metadata();
                    given.applyTo(images, (String) done.get("fingerprint"));
                    return done;
                }));
            }
        } catch (IOException e) {
            throw upload.cut(e);
        } finally {
            call.idleTimeout(before);
        }
    }

    /**
     * Whether the body is a JSON request rather than an image: as LXD decides, by its {@code Content-Type}, or when
     * that is neither JSON nor an image type (curl's default form type), by its first byte.
     */
    private static boolean isJson(Call call, RequestBody body) throws IOException {
        String type = call.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            return true;
        }
        if (type.startsWith("application/octet-stream") || type.startsWith("multipart/")) {
            return false;
        }
        return body.peek() == '{';
    }

    private void pull(Call call, Request request) {
        Source source = request.source();
        if (source == null) {
            throw new ApiError(400, "Image creation from instances is not supported: the request has no source");
        }
        if ("push".equals(source.mode())) {
            // as LXD, before the type, which lxc does not send for a push
            if (source.fingerprint() == null || !Sha256.isHash(source.fingerprint())) {
                throw new ApiError(400, "A push names the image by its full fingerprint");
            }
            images.checkAliasNames(request.aliasNames());
            call.async(secrets.createUpload(source.fingerprint(), UploadGrant.of(request).metadata()));
            return;
        }
        String type = source.type() == null ? "" : source.type();
        switch (type) {
            case "image" -> pullImage(call, request, source);
            case "url" -> {
                if (source.url() == null || source.url().isEmpty()) {
                    throw new ApiError(400, "Missing URL");
                }
                call.async(operations.start(DESCRIPTION, null, progress -> {
                    String fp = direct.importUrl(new DirectImportRequest(source.url(), request.aliasNames(),
                            request.isPublic(), request.extraProperties()), progress).fingerprint();
                    return done(fp, images.get(fp).size());
                }));
            }
            case "instance", "container", "virtual-machine", "snapshot" -> throw new ApiError(400,
                    "Image creation from instances is not supported: imgsh serve has no instances");
            default -> throw new ApiError(400, "Invalid images JSON: unknown source type \"" + type + "\"");
        }
    }

    private void pullImage(Call call, Request request, Source source) {
        String protocol = source.protocol() == null || source.protocol().isEmpty() ? Remote.LXD : source.protocol();
        if (!protocol.equals(Remote.LXD) && !protocol.equals(Remote.SIMPLESTREAMS)) {
            throw new ApiError(400, "Invalid protocol: " + protocol);
        }
        if (source.server() == null || source.server().isEmpty()) {
            throw new ApiError(400, "Missing server in the image source");
        }
        boolean byFingerprint = source.fingerprint() != null && !source.fingerprint().isEmpty();
        String reference = byFingerprint ? source.fingerprint() : source.alias();
        if (reference == null || reference.isEmpty()) {
            throw new ApiError(400, "The image source names no image (alias or fingerprint)");
        }
        images.checkAliasNames(request.aliasNames());
        call.async(operations.start(DESCRIPTION, null, progress -> {
            Images from = remotes.imagesAt(source.server(), protocol, source.certificate(), source.secret());
            String fp = copies.copy(from, reference, images, new CopyRequest(request.aliasNames(), false,
                    request.autoUpdate(), request.isPublic()), progress).fingerprint();
            if (!request.extraProperties().isEmpty()) {
                Image image = images.get(fp);
                Map<String, String> merged = new TreeMap<>(image.properties());
                merged.putAll(request.extraProperties());
                images.update(fp, new ImagePut(image.autoUpdate(), merged, image.isPublic(), null, image.profiles()));
            }
            return done(fp, images.get(fp).size());
        }));
    }

    /** The operation's metadata on success, as LXD gives it. */
    static Map<String, Object> done(String fingerprint, long size) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("fingerprint", fingerprint);
        metadata.put("size", String.valueOf(size));
        return metadata;
    }
}
