package io.imgsh.engine.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /1.0/images/<fp>/secret}'s tokens: an "Image download token" operation whose secret lets an untrusted
 * client read one private image. Reading the image with it leaves it valid, so that a client (an LXD daemon) can
 * look the image up and then download it; the download uses it up.
 */
final class ImageSecrets {
    private static final String DESCRIPTION = "Image download token";

    private final Operations operations;
    private final SecureRandom random = new SecureRandom();

    ImageSecrets(Operations operations) {
        this.operations = operations;
    }

    /** A new token for the image; its metadata holds the secret, as LXD's does. */
    Operation create(String fingerprint) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return operations.token(DESCRIPTION, ImagesApi.imageResources(fingerprint),
                Map.of("secret", HexFormat.of().formatHex(secret)));
    }

    /** Whether {@code secret} is a valid token for the image (it stays valid). */
    boolean allows(String fingerprint, String secret) {
        return find(fingerprint, secret) != null;
    }

    /** Whether {@code secret} is a valid token for the image, which this uses up. */
    boolean use(String fingerprint, String secret) {
        Operation token = find(fingerprint, secret);
        return token != null && token.finish(Operation.Status.CANCELLED, null, "");
    }

    private Operation find(String fingerprint, String secret) {
        List<String> resource = List.of("/1.0/images/" + fingerprint);
        return operations.all().stream()
                .filter(op -> op.kind() == Operation.Kind.TOKEN && op.status() == Operation.Status.RUNNING)
                .filter(op -> resource.equals(op.resources().get("images")))
                .filter(op -> op.metadata() != null && op.metadata().get("secret") instanceof String known
                        && MessageDigest.isEqual(known.getBytes(StandardCharsets.UTF_8),
                        secret.getBytes(StandardCharsets.UTF_8)))
                .findFirst().orElse(null);
    }
}
