package io.imgsh.engine.server;

import java.time.Duration;

/** {@link ServerLimits#DEFAULT} with the bounds a test is about changed. */
final class TestLimits {
    private static final ServerLimits D = ServerLimits.DEFAULT;

    private TestLimits() {
    }

    static ServerLimits untrusted(int threads, int readers, Duration bodyTime, int passwordChecks) {
        return new ServerLimits(threads, D.untrustedBodyBytes(), readers, bodyTime, passwordChecks, D.eventBacklog(),
                D.maxWait(), D.stopTimeout());
    }

    static ServerLimits eventBacklog(int frames) {
        return new ServerLimits(D.threads(), D.untrustedBodyBytes(), D.untrustedBodyReaders(), D.untrustedBodyTime(),
                D.passwordChecks(), frames, D.maxWait(), D.stopTimeout());
    }

    static ServerLimits waits(Duration maxWait, Duration stopTimeout) {
        return new ServerLimits(D.threads(), D.untrustedBodyBytes(), D.untrustedBodyReaders(), D.untrustedBodyTime(),
                D.passwordChecks(), D.eventBacklog(), maxWait, stopTimeout);
    }
}
