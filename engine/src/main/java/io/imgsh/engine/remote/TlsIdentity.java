package io.imgsh.engine.remote;

import io.imgsh.engine.EngineException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A TLS identity as LXD keeps one: {@code <role>.crt} and {@code <role>.key} (PEM, ECDSA P-384, self-signed, ten
 * years), generated on first use. The client's lives in the config directory and is what trusted lxd remotes know
 * this user by, as {@code lxc}'s; the server's lives beside the store and is what {@code imgsh serve} presents.
 */
public final class TlsIdentity {
    /** Whose identity: which files hold it and what the certificate may be used for. */
    public enum Role {
        CLIENT(KeyPurposeId.id_kp_clientAuth), SERVER(KeyPurposeId.id_kp_serverAuth);

        private final KeyPurposeId purpose;

        Role(KeyPurposeId purpose) {
            this.purpose = purpose;
        }

        String certFile() {
            return name().toLowerCase(java.util.Locale.ROOT) + ".crt";
        }

        String keyFile() {
            return name().toLowerCase(java.util.Locale.ROOT) + ".key";
        }
    }

    private final X509Certificate certificate;
    private final PrivateKey key;

    private TlsIdentity(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    public static boolean exists(Path dir, Role role) {
        return Files.isRegularFile(dir.resolve(role.certFile())) && Files.isRegularFile(dir.resolve(role.keyFile()));
    }

    /** Loads the identity in {@code dir}, if there is one. */
    public static TlsIdentity load(Path dir, Role role) {
        try {
            String certPem = Files.readString(dir.resolve(role.certFile()), StandardCharsets.US_ASCII);
            String keyPem = Files.readString(dir.resolve(role.keyFile()), StandardCharsets.US_ASCII);
            return new TlsIdentity(parseCertificate(certPem), parseKey(keyPem));
        } catch (IOException | GeneralSecurityException e) {
            throw new EngineException("Cannot read the " + role.name().toLowerCase(java.util.Locale.ROOT)
                    + " certificate in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Loads the identity in {@code dir}, generating and writing it first if there is none. */
    public static TlsIdentity loadOrCreate(Path dir, Role role) {
        if (exists(dir, role)) {
            return load(dir, role);
        }
        TlsIdentity generated = generate(commonName(), role);
        try {
            Files.createDirectories(dir);
            writePrivate(dir.resolve(role.keyFile()), generated.keyPem());
            writePrivate(dir.resolve(role.certFile()), generated.certificatePem());
        } catch (IOException e) {
            throw new EngineException("Cannot write the " + role.name().toLowerCase(java.util.Locale.ROOT)
                    + " certificate into " + dir + ": " + e.getMessage(), e);
        }
        return generated;
    }

    /** A new key pair and self-signed certificate for {@code commonName}. */
    public static TlsIdentity generate(String commonName, Role role) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp384r1"), new SecureRandom());
            KeyPair pair = kpg.generateKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "imgsh")
                    .addRDN(BCStyle.CN, commonName).build();
            Instant now = Instant.now();
            BigInteger serial = new BigInteger(128, new SecureRandom());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(3650))), subject,
                    pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(role.purpose));
            if (role == Role.SERVER) {
                // lxc checks the pinned certificate against its first DNS name, as LXD's own carries one
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, hostName()),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.iPAddress, "::1")}));
            }
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA384withECDSA").build(pair.getPrivate()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            return new TlsIdentity(cert, pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new EngineException("Cannot generate a certificate: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        return pem(certificate);
    }

    /** The private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), which carries the curve with it. */
    String keyPem() {
        try {
            return pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null).generate());
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new EngineException("Cannot encode the key: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the certificate's DER encoding, lowercase hex: how LXD names a certificate. */
    public String fingerprint() {
        return Tls.fingerprint(certificate);
    }

    /** Key managers that present this certificate to the other side of a connection. */
    public KeyManager[] keyManagers() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pass = new char[0];
            ks.setKeyEntry("identity", key, pass, new java.security.cert.Certificate[] {certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new EngineException("Cannot use the certificate: " + e.getMessage(), e);
        }
    }

    private static String commonName() {
        return System.getProperty("user.name", "imgsh") + "@" + hostName();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new EngineException("Cannot encode PEM: " + e.getMessage(), e);
        }
        return out.toString();
    }

    static X509Certificate parseCertificate(String pem) throws IOException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            if (!(o instanceof X509CertificateHolder holder)) {
                throw new IOException("not a PEM certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(holder);
        }
    }

    static PrivateKey parseKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException("not a PEM private key");
        }
    }

    /** Writes {@code text} readable by the owner only, atomically. */
    private static void writePrivate(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
