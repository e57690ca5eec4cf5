package io.imgsh.engine.streams;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, as simplestreams publishes them. */
final class FileDigest {
    private static final int BUFFER = 1 << 16;

    private FileDigest() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest d = sha256();
        update(file, d);
        return hex(d);
    }

    /** Feeds the bytes of {@code file} to every digest of {@code digests}; returns how many there were. */
    static long update(Path file, MessageDigest... digests) throws IOException {
        long n = 0;
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r; (r = in.read(buf)) > 0; n += r) {
                for (MessageDigest d : digests) {
                    d.update(buf, 0, r);
                }
            }
        }
        return n;
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
