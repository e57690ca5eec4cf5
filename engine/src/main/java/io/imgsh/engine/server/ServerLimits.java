package io.imgsh.engine.server;

import java.time.Duration;

/**
 * The bounds that keep {@code imgsh serve} answering while callers without a trusted certificate misbehave: they may
 * send a body to {@code POST /1.0/certificates} (the trust password), so what such a body may cost is bounded in
 * size, in how many are read at once and in how long one may take to arrive, and the deliberately slow password hash
 * runs a few at a time.
 *
 * @param threads              the most threads answering requests at once
 * @param untrustedBodyBytes   the most an untrusted caller's body may hold
 * @param untrustedBodyReaders untrusted callers' bodies read at once; one more is answered 503
 * @param untrustedBodyTime    how long an untrusted caller's body may take to arrive in full
 * @param passwordChecks       trust-password hashes computed at once; one more attempt is answered 503
 */
record ServerLimits(int threads, int untrustedBodyBytes, int untrustedBodyReaders, Duration untrustedBodyTime,
                    int passwordChecks) {
    /** lxc's request is some 200 bytes, 2 KB more with a certificate in it; each scrypt hash takes 32 MiB. */
    static final ServerLimits DEFAULT = new ServerLimits(200, 64 << 10, 8, Duration.ofSeconds(5), 2);
}
