package io.imgsh.engine.image;

import io.imgsh.engine.json.GoJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * LXD's ETags: SHA-256 of JSON followed by a newline, as Go's json.Encoder writes it. An image's is of
 * {@code [public, auto_update, properties]}, so it changes whenever a writable field that LXD tracks changes; an
 * alias's is of the alias entry itself.
 */
public final class ImageETag {
    private ImageETag() {
    }

    public static String of(Image image) {
        return hash(Arrays.asList(image.isPublic(), image.autoUpdate(), image.properties()));
    }

    public static String of(AliasEntry alias) {
        return hash(alias);
    }

    private static String hash(Object state) {
        String json = GoJson.write(state) + "\n";
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
