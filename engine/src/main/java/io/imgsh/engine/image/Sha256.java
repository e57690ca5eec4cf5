package io.imgsh.engine.image;

import io.imgsh.engine.EngineException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The hash that names images: SHA-256 of their files, lowercase hex. */
public final class Sha256 {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest's hash so far (which resets it), lowercase hex. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Whether {@code text} is a whole hash as images are named: 64 lowercase hex digits (safe in a file name). */
    public static boolean isHash(String text) {
        return HASH.matcher(text).matches();
    }

    /** Fails unless the bytes read hash ({@code got}) to {@code fingerprint}. */
    static void check(String fingerprint, String got) {
        if (!got.equals(fingerprint)) {
            throw new EngineException("Image fingerprint mismatch: expected " + fingerprint + ", got " + got);
        }
    }
}
