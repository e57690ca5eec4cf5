package io.imgsh.engine.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LXD's image tokens, each a running token operation whose metadata holds a secret. A download token
 * ({@code POST /1.0/images/<fp>/secret}) lets an untrusted client read and download one private image until it is
 * cancelled: LXD 5.0.2 leaves it valid after a download, and a client resumes a broken download (a Range request)
 * on the same URL. An upload token (a push: {@code POST /1.0/images} with a {@code source} in mode {@code push}) lets an untrusted
 * server upload one image, by its fingerprint, once, with what the trusted client asked for it (aliases, public,
 * properties, expiry).
 */
final class ImageSecrets {
    private static final String DOWNLOAD = "Image download token";
    private static final String UPLOAD = "Image upload token";

    private final Operations operations;
    private final SecureRandom random = new SecureRandom();

    ImageSecrets(Operations operations) {
        this.operations = operations;
    }

    /** A new download token for the image; its metadata holds the secret, as LXD's does. */
    Operation create(String fingerprint) {
        return operations.token(DOWNLOAD, ImagesApi.imageResources(fingerprint), Map.of("secret", secret()));
    }

    /**
     * A new upload token for the image {@code fingerprint}: its metadata is {@code grant} (what the upload will be
     * given) with the fingerprint and the secret, as LXD's.
     */
    Operation createUpload(String fingerprint, Map<String, Object> grant) {
        Map<String, Object> metadata = new LinkedHashMap<>(grant);
        metadata.put("fingerprint", fingerprint);
        metadata.put("secret", secret());
        return operations.token(UPLOAD, null, metadata);
    }

    /** Whether {@code secret} is a valid download token for the image (it stays valid). */
    boolean allows(String fingerprint, String secret) {
        return find(DOWNLOAD, fingerprint, secret).isPresent();
    }

    /** The grant of the upload token {@code secret} for the image, which this uses up; empty when none is valid. */
    Optional<Map<String, Object>> useUpload(String fingerprint, String secret) {
        return find(UPLOAD, fingerprint, secret).filter(ImageSecrets::useUp).map(Operation::metadata);
    }

    /** A fresh secret: 32 random bytes in hex. */
    String secret() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** Whether {@code secret} is the one in {@code op}'s metadata, compared in constant time. */
    static boolean holds(Operation op, String secret) {
        return op.metadata() != null && op.metadata().get("secret") instanceof String known
                && MessageDigest.isEqual(known.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean useUp(Operation token) {
        return token.finish(Operation.Status.CANCELLED, null, "");
    }

    private Optional<Operation> find(String description, String fingerprint, String secret) {
        List<String> resource = List.of("/1.0/images/" + fingerprint);
        return operations.all().stream()
                .filter(op -> op.kind() == Operation.Kind.TOKEN && op.status() == Operation.Status.RUNNING)
                .filter(op -> op.description().equals(description))
                .filter(op -> description.equals(UPLOAD) ? fingerprint.equals(op.metadata().get("fingerprint"))
                        : resource.equals(op.resources().get("images")))
                .filter(op -> holds(op, secret))
                .findFirst();
    }
}
