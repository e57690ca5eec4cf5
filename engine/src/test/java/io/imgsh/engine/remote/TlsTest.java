package io.imgsh.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TlsTest {
    @Test
    void aTrustedCertificateMustAlsoNameTheHost() {
        try (TestHttpsServer named = new TestHttpsServer();
             TestHttpsServer other = new TestHttpsServer("dns:images.example.org")) {
            assertThat(new Tls(named.trustStore()).trusted(named.base())).isTrue();
            // its chain is trusted, but it is a certificate for another host
            assertThat(new Tls(other.trustStore()).trusted(other.base())).isFalse();
        }
    }
}
