package io.imgsh.engine.server;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.config.ConfigService;
import io.imgsh.engine.remote.Tls;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /1.0/certificates} as LXD 5.0.2 answers it. {@code POST} with the trust password ({@code core.trust_password})
 * is how {@code lxc remote add --password} has its client certificate trusted; the lxc 5.0.2 client sends
 * {@code {"name":"","type":"client","restricted":false,"projects":null,"certificate":"","password":P,"token":false}}
 * (captured beside the tests). A wrong password, or none set, answers LXD's 403 {@code not authorized} and is logged
 * with the address and the certificate's fingerprint; an address with too many recent failures
 * ({@link PasswordAttempts}) is refused without the password being checked. The password's hash takes 32 MiB, so
 * only a few are computed at once: an attempt that finds none free is answered 503 and not counted. A trusted caller
 * adds certificates without a password, lists them, and removes them.
 */
final class CertificatesApi {
    private static final Logger LOG = LoggerFactory.getLogger(CertificatesApi.class);
    static final String PATH = "/1.0/certificates/";

    private final Trust trust;
    private final ConfigService config;
    private final PasswordAttempts attempts;
    private final Semaphore checks;

    /** @param checks how many trust-password hashes may be computed at once */
    CertificatesApi(Trust trust, ConfigService config, PasswordAttempts attempts, int checks) {
        this.trust = trust;
        this.config = config;
        this.attempts = attempts;
        this.checks = new Semaphore(checks);
    }

    /** {@code GET /1.0/certificates}: URLs, or with recursion the certificates as LXD's {@code api.Certificate}. */
    void list(Call call) {
        List<Trust.Certificate> all = trust.list();
        call.sync(call.recursive() ? all.stream().map(CertificatesApi::json).toList()
                : all.stream().map(c -> PATH + c.fingerprint()).toList());
    }

    /** {@code GET /1.0/certificates/<fingerprint or unique prefix>}. */
    void get(Call call, String fingerprint) {
        call.sync(json(trust.get(fingerprint)));
    }

    void delete(Call call, String fingerprint) {
        trust.remove(fingerprint);
        LOG.info("{} (certificate {}) removed certificate {} from the trust store", call.caller().address(),
                call.caller().certificate(), fingerprint);
        call.sync(Map.of());
    }

    /**
     * {@code POST /1.0/certificates}: trusts the certificate in the body (base64 DER) or else the one the caller
     * presented, named as asked or else by its common name; an untrusted caller must give the trust password.
     */
    void add(Call call) {
        Caller caller = call.caller();
        JsonBody body = call.body();
        if (!caller.trusted()) {
            checkPassword(caller, body.text("password"));
        }
        String type = body.text("type");
        if (!type.isEmpty() && !type.equals("client")) {
            throw new ApiError(400, "Unknown certificate type \"" + type + "\"");
        }
        String pem = body.text("certificate").isEmpty() ? presented(caller) : fromDer(body.text("certificate"));
        Trust.Certificate added;
        try {
            added = trust.add(pem, body.text("name"));
        } catch (ConflictException e) {
            throw new ApiError(400, e.getMessage()); // LXD's status for a certificate already trusted
        }
        LOG.info("{} (certificate {}) added certificate {} ({}) to the trust store", caller.address(),
                caller.certificate().isEmpty() ? "none" : caller.certificate(), added.fingerprint(), added.name());
        call.created(PATH + added.fingerprint());
    }

    /** Refuses, with LXD's answer, an untrusted caller without the right trust password. */
    private void checkPassword(Caller caller, String password) {
        String address = caller.address();
        String presented = caller.certificate().isEmpty() ? "none" : caller.certificate();
        if (!attempts.tryBegin(address)) {
            LOG.warn("Refused a trust password attempt from {} (certificate {}): {} failures and checks in {}",
                    address, presented, PasswordAttempts.MAX_FAILURES, PasswordAttempts.WINDOW);
            throw ApiError.forbidden();
        }
        if (!checks.tryAcquire()) {
            attempts.abandoned(address);
            LOG.warn("Turned away a trust password attempt from {} (certificate {}): all checks busy", address,
                    presented);
            throw new ApiError(503, "Too many trust password checks at once, try again later");
        }
        boolean matches = false;
        try {
            matches = config.trustPasswordMatches(password);
        } finally {
            checks.release();
            if (matches) {
                attempts.succeeded(address);
            } else {
                attempts.failed(address);
            }
        }
        if (!matches) {
            LOG.warn("Bad trust password from {} (certificate {})", address, presented);
            throw ApiError.forbidden();
        }
    }

    private static String presented(Caller caller) {
        if (caller.presented() == null) {
            throw new ApiError(400, "No client certificate provided");
        }
        try {
            return Tls.pem(caller.presented());
        } catch (CertificateException e) {
            throw new ApiError(400, "Invalid client certificate: " + e.getMessage());
        }
    }

    private static String fromDer(String base64) {
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return Tls.pem(x509);
        } catch (IllegalArgumentException | CertificateException e) {
            throw new ApiError(400, "Invalid certificate material: not a base64 DER X.509 certificate");
        }
    }

    /** LXD's {@code api.Certificate}, field for field in its order. */
    private static Map<String, Object> json(Trust.Certificate c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", c.name());
        json.put("type", c.type());
        json.put("restricted", false);
        json.put("projects", List.of());
        json.put("certificate", c.pem());
        json.put("fingerprint", c.fingerprint());
        return json;
    }
}
