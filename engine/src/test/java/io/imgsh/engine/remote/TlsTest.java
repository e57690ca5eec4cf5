package io.imgsh.engine.remote;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.InvalidInputException;
import org.junit.jupiter.api.Test;

class TlsTest {
    @Test
    void aTrustedCertificateMustAlsoNameTheHost() {
        try (TestHttpsServer named = new TestHttpsServer();
             TestHttpsServer other = new TestHttpsServer("dns:images.example.org")) {
            assertThatCode(() -> new Tls(named.trustStore()).requireTrusted(named.base())).doesNotThrowAnyException();
            // its chain is trusted, but it is a certificate for another host
            assertThatThrownBy(() -> new Tls(other.trustStore()).requireTrusted(other.base()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("The certificate of 127.0.0.1 is not trusted; add the remote with "
                            + "--accept-certificate to pin it");
        }
    }
}
