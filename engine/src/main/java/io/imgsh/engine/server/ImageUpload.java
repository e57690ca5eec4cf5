package io.imgsh.engine.server;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.format.ImageType;
import io.imgsh.engine.format.MultipartParts;
import io.imgsh.engine.image.ImagePart;
import io.imgsh.engine.image.ImageStreams;
import io.imgsh.engine.image.ImportResult;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.remote.TransferLimits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /1.0/images} with the image as the body, as {@code lxc image import} sends it: a unified file raw, a
 * split one as {@code multipart/form-data} (part {@code metadata}, then {@code rootfs} or {@code rootfs.img}), with
 * the {@code X-LXD-*} headers. The body streams once into the store while it is hashed; it is bounded in size
 * ({@code images.max_download_size}) and in how long it may stall ({@code images.download_stall_timeout}).
 */
final class ImageUpload {
    static final String INVALID_MULTIPART = "Invalid multipart image";

    private final StoreImages images;
    private final TransferLimits limits;

    ImageUpload(StoreImages images, TransferLimits limits) {
        this.images = images;
        this.limits = limits;
    }

    /** What an upload came to: the image stored, or what is wrong with what was sent. */
    sealed interface Outcome {
        /** The metadata of the operation that reports it; a refused image throws its error. */
        Map<String, Object> metadata();
    }

    record Stored(String fingerprint, long size) implements Outcome {
        @Override
        public Map<String, Object> metadata() {
            return ImagesPost.done(fingerprint, size);
        }
    }

    record Refused(String error) implements Outcome {
        @Override
        public Map<String, Object> metadata() {
            throw new InvalidInputException(error);
        }
    }

    /**
     * The body of {@code call} as it arrives, failing past {@code images.max_download_size} (413 at once when the
     * client announces more). The caller cuts it after {@code images.download_stall_timeout} of silence
     * ({@link Call#idleTimeout}).
     */
    RequestBody open(Call call) {
        if (call.contentLength() > limits.maxSize()) {
            throw new ApiError(413, excess());
        }
        return new RequestBody(new BufferedInputStream(call.bodyStream()), limits.maxSize(), excess());
    }

    /**
     * Receives {@code body}, the image {@code call} sends, into the store. A body that cannot be received (the
     * client went away or stalled, or it is too large) is an {@link ApiError}; an image that is not one, or not the
     * one announced, is {@link Refused}. Either way nothing is kept. The image is public when the headers or the
     * {@code grant} say so, with the grant's properties over the headers'.
     */
    Outcome receive(Call call, RequestBody body, UploadGrant grant) {
        String expected = call.header("X-LXD-fingerprint").orElse("");
        boolean isPublic = goBool(call.header("X-LXD-public").orElse("")) || grant.isPublic();
        Map<String, String> properties = new LinkedHashMap<>();
        call.headers("X-LXD-properties").forEach(header -> properties.putAll(properties(header)));
        properties.putAll(grant.properties());
        String contentType = call.header("Content-Type").orElse("");
        String filename = call.header("X-LXD-filename").orElse("");
        try {
            ImageStreams streams = contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                    ? split(body, contentType) : sink -> {
                        sink.accept(ImagePart.UNIFIED, body);
                        return new ImageStreams.Sent(filename, null);
                    };
            ImportResult result = images.importStreams(streams, isPublic, properties, got -> {
                if (!expected.isEmpty() && !got.equals(expected)) {
                    throw new InvalidInputException("Fingerprints don't match, got " + got + " expected "
                            + expected);
                }
            });
            return new Stored(result.fingerprint(), images.get(result.fingerprint()).size());
        } catch (RuntimeException e) {
            if (body.failure() != null) {
                throw cut(body.failure());
            }
            return new Refused(e.getMessage());
        }
    }

    /** The answer to a body that could not be received, saying why. */
    ApiError cut(IOException failure) {
        if (excess().equals(failure.getMessage())) {
            return new ApiError(400, excess());
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return new ApiError(400, "The upload stalled: nothing arrived for " + limits.stallTimeout()
                        .toSeconds() + "s (" + ConfigKey.DOWNLOAD_STALL_TIMEOUT.key() + ")");
            }
        }
        return new ApiError(400, "The upload broke off: " + failure.getMessage());
    }

    private String excess() {
        return "The upload exceeds " + ConfigKey.MAX_DOWNLOAD_SIZE.key() + " (" + limits.maxSize() + " bytes)";
    }

    /** A split image as LXD takes it: exactly the parts {@code metadata} then {@code rootfs} or {@code rootfs.img}. */
    private static ImageStreams split(RequestBody body, String contentType) {
        return sink -> {
            if (MultipartParts.boundary(contentType) == null) {
                throw new InvalidInputException(INVALID_MULTIPART);
            }
            String[] rootfs = new String[2];
            int parts = MultipartParts.read(body, contentType, (index, name, filename, in) -> {
                if (index == 0 && name.equals("metadata")) {
                    sink.accept(ImagePart.METADATA, in);
                } else if (index == 1 && (name.equals("rootfs") || name.equals("rootfs.img"))) {
                    rootfs[0] = name;
                    rootfs[1] = filename;
                    sink.accept(ImagePart.ROOTFS, in);
                } else {
                    throw new InvalidInputException(INVALID_MULTIPART);
                }
            });
            if (parts != 2) {
                throw new InvalidInputException(INVALID_MULTIPART);
            }
            return new ImageStreams.Sent(rootfs[1],
                    rootfs[0].equals("rootfs.img") ? ImageType.VIRTUAL_MACHINE : ImageType.CONTAINER);
        };
    }

    /**
     * One {@code X-LXD-properties} header: URL-query-encoded {@code k=v&k2=v2}, as Go's {@code url.ParseQuery} reads
     * it (a key's first value counts; LXD lets a later header override an earlier one).
     */
    static Map<String, String> properties(String header) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String pair : header.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                properties.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "Invalid X-LXD-properties header: " + e.getMessage());
            }
        }
        return properties;
    }

    /** {@code X-LXD-public} as Go's {@code strconv.ParseBool} reads it; anything else is false, as in LXD. */
    static boolean goBool(String value) {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            default -> false;
        };
    }
}
