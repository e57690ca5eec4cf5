package io.imgsh.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The certificates of clients the image server trusts. */
public final class CertificateRepository {
    private static final String SELECT = "SELECT fingerprint, type, name, certificate FROM certificates";

    private final Connection c;

    CertificateRepository(Connection connection) {
        this.c = connection;
    }

    /** All of them, by name, then fingerprint. */
    public List<CertificateRecord> all() throws SQLException {
        return Sql.list(c, SELECT + " ORDER BY name, fingerprint", CertificateRepository::certificate);
    }

    public Optional<CertificateRecord> get(String fingerprint) throws SQLException {
        return Sql.first(c, SELECT + " WHERE fingerprint = ?", CertificateRepository::certificate, fingerprint);
    }

    /** The fingerprints that start with {@code prefix}. */
    public List<String> fingerprintsStartingWith(String prefix) throws SQLException {
        return Sql.list(c, "SELECT fingerprint FROM certificates WHERE substr(fingerprint, 1, length(?)) = ?"
                + " ORDER BY fingerprint", rs -> rs.getString(1), prefix, prefix);
    }

    public void insert(CertificateRecord r) throws SQLException {
        Sql.update(c, "INSERT INTO certificates (fingerprint, type, name, certificate) VALUES (?, ?, ?, ?)",
                r.fingerprint(), r.type(), r.name(), r.certificate());
    }

    public boolean delete(String fingerprint) throws SQLException {
        return Sql.update(c, "DELETE FROM certificates WHERE fingerprint = ?", fingerprint) > 0;
    }

    private static CertificateRecord certificate(ResultSet rs) throws SQLException {
        return new CertificateRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }
}
