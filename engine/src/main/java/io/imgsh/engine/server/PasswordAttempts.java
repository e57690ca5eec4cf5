package io.imgsh.engine.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The trust-password attempts of each client address: those being checked and those that failed within a sliding
 * window. An attempt is counted when it begins, so that concurrent attempts cannot all pass the limit: once an
 * address has {@link #MAX_FAILURES} failures in {@link #WINDOW} and checks in progress together, its attempts are
 * refused without the password being checked, so that guessing costs a minute per five guesses and the
 * (deliberately slow) hash is not computed for them. The right password clears the address's failures.
 */
final class PasswordAttempts {
    /** Failures, and checks in progress, an address may have within {@link #WINDOW} before it is refused unchecked. */
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<String, Address> addresses = new HashMap<>();

    PasswordAttempts(Clock clock) {
        this.clock = clock;
    }

    /** One address's checks in progress and recent failures, oldest first. */
    private static final class Address {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private int checking;

        boolean idle() {
            return checking == 0 && failures.isEmpty();
        }
    }

    /**
     * Begins an attempt from {@code address} unless its failures in the window that ends now and its checks in
     * progress have used up the limit; whether it began. Each begun attempt ends once, in one of the three ways below.
     */
    synchronized boolean tryBegin(String address) {
        forgetOld();
        Address a = addresses.computeIfAbsent(address, k -> new Address());
        if (a.failures.size() + a.checking >= MAX_FAILURES) {
            return false;
        }
        a.checking++;
        return true;
    }

    /** The password was wrong: a failure in the window. */
    synchronized void failed(String address) {
        end(address).failures.addLast(clock.instant());
    }

    /** The password was right: the address's failures are forgotten. */
    synchronized void succeeded(String address) {
        end(address).failures.clear();
        forgetOld();
    }

    /** The password was not checked (no check was free): nothing is counted. */
    synchronized void abandoned(String address) {
        end(address);
        forgetOld();
    }

    private Address end(String address) {
        Address a = addresses.get(address);
        if (a == null || a.checking == 0) {
            throw new IllegalStateException("No attempt from " + address + " is in progress");
        }
        a.checking--;
        return a;
    }

    /** Drops failures older than the window, and the addresses left with nothing, so that the map stays small. */
    private void forgetOld() {
        Instant since = clock.instant().minus(WINDOW);
        addresses.values().forEach(a -> {
            while (!a.failures.isEmpty() && !a.failures.peekFirst().isAfter(since)) {
                a.failures.removeFirst();
            }
        });
        addresses.values().removeIf(Address::idle);
    }
}
