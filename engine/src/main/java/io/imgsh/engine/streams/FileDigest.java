package io.imgsh.engine.streams;

import io.imgsh.engine.image.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/** SHA-256 of files, as simplestreams publishes them. */
final class FileDigest {
    private static final int BUFFER = 1 << 16;

    private FileDigest() {
    }

    static String sha256(Path file) throws IOException {
        MessageDigest d = Sha256.digest();
        update(file, d);
        return Sha256.hex(d);
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
}
