package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.MutableClock;
import org.junit.jupiter.api.Test;

/** The per-address count of trust-password attempts, which an attempt joins before its password is hashed. */
class PasswordAttemptsTest {
    private final MutableClock clock = new MutableClock(ImageFixture.START);
    private final PasswordAttempts attempts = new PasswordAttempts(clock);

    @Test
    void attemptsStillBeingCheckedCountSoThatConcurrentOnesCannotPassTheLimit() {
        for (int i = 0; i < PasswordAttempts.MAX_FAILURES; i++) {
            assertThat(attempts.tryBegin("10.0.0.1")).as("attempt %d", i).isTrue();
        }
        assertThat(attempts.tryBegin("10.0.0.1")).isFalse();
        assertThat(attempts.tryBegin("10.0.0.2")).as("another address").isTrue();

        for (int i = 0; i < PasswordAttempts.MAX_FAILURES; i++) {
            attempts.failed("10.0.0.1");
        }
        assertThat(attempts.tryBegin("10.0.0.1")).isFalse();
        clock.advance(PasswordAttempts.WINDOW);
        assertThat(attempts.tryBegin("10.0.0.1")).as("the failures have aged").isTrue();
    }

    @Test
    void anAttemptNotCheckedCountsForNothingAndTheRightPasswordClearsTheFailures() {
        for (int i = 0; i < PasswordAttempts.MAX_FAILURES - 1; i++) {
            assertThat(attempts.tryBegin("10.0.0.1")).isTrue();
            attempts.failed("10.0.0.1");
        }
        assertThat(attempts.tryBegin("10.0.0.1")).isTrue();
        attempts.abandoned("10.0.0.1");
        assertThat(attempts.tryBegin("10.0.0.1")).as("the unchecked attempt was not counted").isTrue();
        attempts.succeeded("10.0.0.1");
        for (int i = 0; i < PasswordAttempts.MAX_FAILURES; i++) {
            assertThat(attempts.tryBegin("10.0.0.1")).as("attempt %d after the right password", i).isTrue();
        }
    }
}
