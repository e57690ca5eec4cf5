package io.imgsh.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        String stored = PasswordHash.hash("secret");
        assertThat(stored).startsWith("$scrypt$ln=15,r=8,p=1$");
        assertThat(PasswordHash.matches(stored, "secret")).isTrue();
        assertThat(PasswordHash.matches(stored, "Secret")).isFalse();
    }

    @Test
    void aStoredHashWhoseCheckWouldTakeMoreThan64MiBIsNotCheckedEvenForTheRightPassword() {
        assertThat(PasswordHash.matches(stored("secret", 15, 16, 1), "secret")).isTrue(); // 64 MiB
        assertThat(PasswordHash.matches(stored("secret", 15, 17, 1), "secret")).isFalse(); // 68 MiB
        assertThat(PasswordHash.matches(stored("secret", 10, 1, 5), "secret")).isFalse(); // five passes
    }

    private static String stored(String password, int logCost, int blockSize, int parallelism) {
        byte[] salt = new byte[16];
        byte[] hash = SCrypt.generate(password.getBytes(StandardCharsets.UTF_8), salt, 1 << logCost, blockSize,
                parallelism, 32);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$scrypt$ln=" + logCost + ",r=" + blockSize + ",p=" + parallelism + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(hash);
    }
}
