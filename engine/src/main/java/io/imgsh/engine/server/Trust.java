package io.imgsh.engine.server;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.remote.Tls;
import io.imgsh.store.CertificateRecord;
import io.imgsh.store.Store;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** The client certificates {@code imgsh serve} trusts, as {@code lxc config trust} manages LXD's. */
public final class Trust {
    private final Store store;

    public Trust(Store store) {
        this.store = store;
    }

    /** A trusted certificate as {@code config trust list} shows it. */
    public record Certificate(String type, String name, String commonName, String fingerprint, Instant issued,
                              Instant expires, String pem) {
    }

    public List<Certificate> list() {
        return store.read(tx -> tx.certificates().all()).stream().map(Trust::certificate).toList();
    }

    /** Trusts the certificate in {@code pem}, named {@code name} (its common name when empty); returns it. */
    public Certificate add(String pem, String name) {
        X509Certificate x509 = parse(pem);
        String fingerprint = Tls.fingerprint(x509);
        String canonical;
        try {
            canonical = Tls.pem(x509);
        } catch (CertificateException e) {
            throw new InvalidInputException("Invalid certificate: " + e.getMessage());
        }
        String shown = name == null || name.isBlank() ? commonName(x509) : name.strip();
        CertificateRecord record = new CertificateRecord(fingerprint, "client", shown, canonical);
        store.write(tx -> {
            if (tx.certificates().get(fingerprint).isPresent()) {
                throw new ConflictException("Certificate already in trust store");
            }
            tx.certificates().insert(record);
            return null;
        });
        return certificate(record);
    }

    /** The trusted certificate with this fingerprint or unique prefix. */
    public Certificate get(String prefix) {
        return certificate(store.read(tx -> {
            String fingerprint = only(prefix, tx.certificates().fingerprintsStartingWith(prefix));
            return tx.certificates().get(fingerprint).orElseThrow();
        }));
    }

    /** Stops trusting the certificate with this fingerprint or unique prefix. */
    public void remove(String prefix) {
        store.write(tx -> {
            tx.certificates().delete(only(prefix, tx.certificates().fingerprintsStartingWith(prefix)));
            return null;
        });
    }

    private static String only(String prefix, List<String> matches) {
        if (prefix.isEmpty() || matches.isEmpty()) {
            throw new NotFoundException("Certificate not found");
        }
        if (matches.size() > 1) {
            throw new InvalidInputException("More than one certificate matches \"" + prefix + "\"");
        }
        return matches.get(0);
    }

    /** Whether the certificate with exactly this fingerprint is trusted. */
    public boolean trusts(String fingerprint) {
        return store.read(tx -> tx.certificates().get(fingerprint)).isPresent();
    }

    private static X509Certificate parse(String pem) {
        try {
            return Tls.parsePem(pem);
        } catch (CertificateException | RuntimeException e) {
            throw new InvalidInputException("Invalid certificate: not a PEM X.509 certificate");
        }
    }

    private static Certificate certificate(CertificateRecord r) {
        X509Certificate x509 = parse(r.certificate());
        return new Certificate(r.type(), r.name(), commonName(x509), r.fingerprint(),
                x509.getNotBefore().toInstant(), x509.getNotAfter().toInstant(), r.certificate());
    }

    private static String commonName(X509Certificate x509) {
        try {
            for (Rdn rdn : new LdapName(x509.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return "";
        } catch (InvalidNameException e) {
            throw new EngineException("Invalid certificate subject: " + e.getMessage(), e);
        }
    }
}
