package io.imgsh.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsIdentityTest {
    @TempDir
    Path dir;

    @Test
    void generatedOnceWrittenPrivatelyAndReloaded() throws Exception {
        Path config = dir.resolve("config/imgsh");
        assertThat(TlsIdentity.exists(config, TlsIdentity.Role.CLIENT)).isFalse();
        TlsIdentity created = TlsIdentity.loadOrCreate(config, TlsIdentity.Role.CLIENT);
        assertThat(TlsIdentity.exists(config, TlsIdentity.Role.CLIENT)).isTrue();
        assertThat(Files.readString(config.resolve("client.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(config.resolve("client.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve("client.key"))))
                .isEqualTo("rw-------");

        var cert = created.certificate();
        cert.checkValidity();
        cert.verify(cert.getPublicKey());
        assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
        assertThat(cert.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(3000)));

        TlsIdentity again = TlsIdentity.loadOrCreate(config, TlsIdentity.Role.CLIENT);
        assertThat(again.certificate()).isEqualTo(cert);
        assertThat(again.certificatePem()).isEqualTo(Files.readString(config.resolve("client.crt")));

        // The reloaded key signs what the certificate's public key verifies, and the key manager offers the pair.
        X509KeyManager km = (X509KeyManager) again.keyManagers()[0];
        String alias = km.chooseClientAlias(new String[] {"EC"}, null, null);
        assertThat(km.getCertificateChain(alias)[0]).isEqualTo(cert);
        Signature sign = Signature.getInstance("SHA256withECDSA");
        sign.initSign(km.getPrivateKey(alias));
        sign.update(new byte[] {1, 2, 3});
        byte[] sig = sign.sign();
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(cert.getPublicKey());
        verify.update(new byte[] {1, 2, 3});
        assertThat(verify.verify(sig)).isTrue();
    }

    @Test
    void theServerIdentityIsForServerAuthenticationInItsOwnFiles() throws Exception {
        TlsIdentity server = TlsIdentity.loadOrCreate(dir, TlsIdentity.Role.SERVER);
        assertThat(server.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(dir.resolve("server.crt")).exists();
        assertThat(TlsIdentity.exists(dir, TlsIdentity.Role.CLIENT)).isFalse();
        assertThat(TlsIdentity.loadOrCreate(dir, TlsIdentity.Role.SERVER).fingerprint()).isEqualTo(server.fingerprint())
                .isEqualTo(Tls.fingerprint(server.certificatePem()));
    }

    @Test
    void eachGenerationIsANewIdentity() {
        assertThat(TlsIdentity.generate("a@b", TlsIdentity.Role.CLIENT).certificate())
                .isNotEqualTo(TlsIdentity.generate("a@b", TlsIdentity.Role.CLIENT).certificate());
    }
}
