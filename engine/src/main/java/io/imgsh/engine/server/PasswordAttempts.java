package io.imgsh.engine.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The failed trust-password attempts of each client address within a sliding window: once an address has failed
 * {@link #MAX_FAILURES} times in {@link #WINDOW}, its attempts are refused without the password being checked, so
 * that guessing costs a minute per five guesses and the (deliberately slow) hash is not computed for them.
 */
final class PasswordAttempts {
    /** Failures an address may have within {@link #WINDOW} before its attempts are refused unchecked. */
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    PasswordAttempts(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code address} has used up its failures in the window that ends now. */
    synchronized boolean blocked(String address) {
        forgetOld();
        Deque<Instant> recent = failures.get(address);
        return recent != null && recent.size() >= MAX_FAILURES;
    }

    synchronized void failed(String address) {
        forgetOld();
        failures.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(clock.instant());
    }

    /** Drops failures older than the window, and the addresses left with none, so that the map stays small. */
    private void forgetOld() {
        Instant since = clock.instant().minus(WINDOW);
        failures.values().forEach(times -> {
            while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
                times.removeFirst();
            }
        });
        failures.values().removeIf(Deque::isEmpty);
    }
}
