package io.imgsh.engine.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A password kept as LXD keeps {@code core.trust_password}: never in clear, only as a salted scrypt hash (BouncyCastle),
 * stored in the PHC string format that names the algorithm and its parameters:
 * {@code $scrypt$ln=15,r=8,p=1$<salt>$<hash>} (unpadded base64), so that stronger parameters can come later and
 * old hashes still check.
 */
final class PasswordHash {
    /** log2 of scrypt's cost N: 2^15 with r=8 takes 32 MiB and some 100 ms, OWASP's minimum for scrypt. */
    private static final int LOG_COST = 15;
    private static final int BLOCK_SIZE = 8;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /**
     * The most a check may take, whatever parameters a stored hash names, so that a tampered store cannot make one
     * take forever or all the heap (scrypt needs 128·r·N bytes: 32 MiB at the parameters written here; the server
     * runs two checks at most, in a 256 MiB heap).
     */
    private static final int MAX_LOG_COST = 20;
    private static final long MAX_MEMORY = 64L << 20;
    private static final int MAX_PARALLELISM = 4;

    private static final Pattern STORED = Pattern.compile(
            "\\$scrypt\\$ln=(\\d{1,2}),r=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** {@code password} hashed with a fresh random salt, in the stored form. */
    static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = scrypt(password, salt, LOG_COST, BLOCK_SIZE, PARALLELISM, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$scrypt$ln=" + LOG_COST + ",r=" + BLOCK_SIZE + ",p=" + PARALLELISM + "$" + b64.encodeToString(salt)
                + "$" + b64.encodeToString(hash);
    }

    /** Whether {@code password} is the one {@code stored} was made from; false for a stored form not understood. */
    static boolean matches(String stored, String password) {
        Matcher m = STORED.matcher(stored);
        if (!m.matches()) {
            return false;
        }
        int logCost = Integer.parseInt(m.group(1));
        int blockSize = Integer.parseInt(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        if (logCost < 1 || logCost > MAX_LOG_COST || blockSize < 1 || parallelism < 1 || parallelism > MAX_PARALLELISM
                || (128L * blockSize << logCost) > MAX_MEMORY) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(m.group(4));
        byte[] expected = Base64.getDecoder().decode(m.group(5));
        byte[] actual = scrypt(password, salt, logCost, blockSize, parallelism, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] scrypt(String password, byte[] salt, int logCost, int blockSize, int parallelism,
                                 int length) {
        return SCrypt.generate(password.getBytes(StandardCharsets.UTF_8), salt, 1 << logCost, blockSize, parallelism,
                length);
    }
}
