package io.imgsh.engine.server;

import java.time.Duration;

/**
 * The bounds {@code imgsh serve} runs within. Callers without a trusted certificate may send a body to
 * {@code POST /1.0/certificates} (the trust password), so what such a body may cost is bounded in size, in how many
 * are read at once and in how long one may take to arrive, and the deliberately slow password hash runs a few at a
 * time; stopping waits a bounded time for what runs.
 *
 * @param threads              the most threads answering requests at once
 * @param untrustedBodyBytes   the most an untrusted caller's body may hold
 * @param untrustedBodyReaders untrusted callers' bodies read at once; one more is answered 503
 * @param untrustedBodyTime    how long an untrusted caller's body may take to arrive in full
 * @param passwordChecks       trust-password hashes computed at once; one more attempt is answered 503
 * @param eventBacklog         frames an events client may have waiting to be sent before it counts as fallen behind
 * @param maxWait              the longest a {@code /wait} holds its answer
 * @param stopTimeout          how long stopping waits for requests in flight (downloads included), then for running
 *                             operations, before it cuts them
 */
record ServerLimits(int threads, int untrustedBodyBytes, int untrustedBodyReaders, Duration untrustedBodyTime,
                    int passwordChecks, int eventBacklog, Duration maxWait, Duration stopTimeout) {
    /** lxc's request is some 200 bytes, 2 KB more with a certificate in it; each scrypt hash takes 32 MiB. */
    static final ServerLimits DEFAULT = new ServerLimits(200, 64 << 10, 8, Duration.ofSeconds(5), 2, 1024,
            Operations.MAX_WAIT, Duration.ofSeconds(30));
}
