package io.imgsh.engine.image;

import io.imgsh.engine.json.GoJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * LXD's ETag of an image: SHA-256 of the JSON {@code [public, auto_update, properties]} followed by a newline, as
 * Go's json.Encoder writes it. It changes whenever a writable field that LXD tracks changes.
 */
public final class ImageETag {
    private ImageETag() {
    }

    public static String of(Image image) {
        String json = GoJson.write(Arrays.asList(image.isPublic(), image.autoUpdate(), image.properties())) + "\n";
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
