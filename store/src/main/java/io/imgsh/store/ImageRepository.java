package io.imgsh.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Images and the rows that hang off them. Listing costs five queries whatever the image count. */
public final class ImageRepository {
    private static final String SELECT_IMAGES = "SELECT i.id, i.fingerprint, i.filename, i.size, i.split, i.type,"
            + " i.architecture, i.public, i.auto_update, i.cached, i.created_at, i.expires_at, i.uploaded_at,"
            + " i.last_used_at FROM images i";

    private final Connection c;

    ImageRepository(Connection connection) {
        this.c = connection;
    }

    public List<ImageRecord> all() throws SQLException {
        return load("");
    }

    public Optional<ImageRecord> get(String fingerprint) throws SQLException {
        return load(" WHERE i.fingerprint = ?", fingerprint).stream().findFirst();
    }

    public boolean exists(String fingerprint) throws SQLException {
        return Sql.first(c, "SELECT 1 FROM images WHERE fingerprint = ?", rs -> true, fingerprint).isPresent();
    }

    /** Full fingerprints starting with {@code prefix}, in order; uses the unique index as a range scan. */
    public List<String> fingerprintsStartingWith(String prefix) throws SQLException {
        return Sql.list(c, "SELECT fingerprint FROM images WHERE fingerprint >= ? AND fingerprint < ?"
                + " ORDER BY fingerprint", rs -> rs.getString(1), prefix, prefix + Character.MAX_VALUE);
    }

    public Set<String> fingerprints() throws SQLException {
        return new HashSet<>(Sql.list(c, "SELECT fingerprint FROM images", rs -> rs.getString(1)));
    }

    /**
     * The newest image ({@code created_at}) of this architecture and type that is kept up to date ({@code auto_update})
     * from {@code alias} on {@code server} over {@code protocol}; empty when there is none.
     */
    public Optional<String> newestUpdatedFrom(String server, String protocol, String alias, String architecture,
                                              String type) throws SQLException {
        return Sql.first(c, "SELECT i.fingerprint FROM image_sources s JOIN images i ON i.id = s.image_id"
                + " WHERE s.server = ? AND s.protocol = ? AND s.alias = ? AND i.auto_update = 1"
                + " AND i.architecture = ? AND i.type = ? ORDER BY i.created_at DESC LIMIT 1",
                rs -> rs.getString(1), server, protocol, alias, architecture, type);
    }

    /** Inserts the image with its properties, profiles and update source; aliases are created separately. */
    public void insert(ImageRecord image) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO images (fingerprint, filename, size, split, type,"
                + " architecture, public, auto_update, cached, created_at, expires_at, uploaded_at, last_used_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, image.fingerprint());
            ps.setString(2, image.filename());
            ps.setLong(3, image.size());
            ps.setBoolean(4, image.split());
            ps.setString(5, image.type());
            ps.setString(6, image.architecture());
            ps.setBoolean(7, image.isPublic());
            ps.setBoolean(8, image.autoUpdate());
            ps.setBoolean(9, image.cached());
            EpochNanos.bind(ps, 10, image.createdAt());
            EpochNanos.bind(ps, 11, image.expiresAt());
            EpochNanos.bind(ps, 12, image.uploadedAt());
            EpochNanos.bind(ps, 13, image.lastUsedAt());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        writeProperties(id, image.properties());
        writeProfiles(id, image.profiles());
        if (image.updateSource() != null) {
            UpdateSourceRecord s = image.updateSource();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_sources"
                    + " (image_id, server, protocol, certificate, alias, image_type) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, s.server());
                ps.setString(3, s.protocol());
                ps.setString(4, s.certificate());
                ps.setString(5, s.alias());
                ps.setString(6, s.imageType());
                ps.executeUpdate();
            }
        }
    }

    /** Replaces the writable fields: public, auto_update, properties, expires_at and profiles. */
    public void updateWritable(String fingerprint, boolean isPublic, boolean autoUpdate, Map<String, String> properties,
                               Instant expiresAt, List<String> profiles) throws SQLException {
        long id = idOf(fingerprint);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE images SET public = ?, auto_update = ?, expires_at = ? WHERE id = ?")) {
            ps.setBoolean(1, isPublic);
            ps.setBoolean(2, autoUpdate);
            EpochNanos.bind(ps, 3, expiresAt);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
        execute("DELETE FROM image_properties WHERE image_id = ?", id);
        execute("DELETE FROM image_profiles WHERE image_id = ?", id);
        writeProperties(id, properties);
        writeProfiles(id, profiles);
    }

    /** Records that the image was used (an instance was made from it) at {@code when}. */
    public void setLastUsed(String fingerprint, Instant when) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE images SET last_used_at = ? WHERE fingerprint = ?")) {
            EpochNanos.bind(ps, 1, when);
            ps.setString(2, fingerprint);
            ps.executeUpdate();
        }
    }

    /** Makes a cached image a normal one, which expiry never deletes; returns whether it was cached. */
    public boolean unsetCached(String fingerprint) throws SQLException {
        return Sql.update(c, "UPDATE images SET cached = 0 WHERE fingerprint = ? AND cached = 1", fingerprint) > 0;
    }

    public boolean delete(String fingerprint) throws SQLException {
        return Sql.update(c, "DELETE FROM images WHERE fingerprint = ?", fingerprint) > 0;
    }

    private long idOf(String fingerprint) throws SQLException {
        return Sql.first(c, "SELECT id FROM images WHERE fingerprint = ?", rs -> rs.getLong(1), fingerprint)
                .orElseThrow(() -> new SQLException("no image " + fingerprint));
    }

    private void writeProperties(long id, Map<String, String> properties) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO image_properties (image_id, key, value) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> p : properties.entrySet()) {
                ps.setLong(1, id);
                ps.setString(2, p.getKey());
                ps.setString(3, p.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeProfiles(long id, List<String> profiles) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO image_profiles (image_id, position, name) VALUES (?, ?, ?)")) {
            for (int i = 0; i < profiles.size(); i++) {
                ps.setLong(1, id);
                ps.setInt(2, i);
                ps.setString(3, profiles.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void execute(String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** Loads images matching {@code where} (on alias {@code i}) plus their children, one query per table. */
    private List<ImageRecord> load(String where, String... args) throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_IMAGES + where + " ORDER BY i.id")) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), new Row(rs));
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        String children = " JOIN images i ON i.id = x.image_id" + where;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT x.image_id, x.key, x.value FROM image_properties x" + children + " ORDER BY x.image_id, x.key")) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.get(rs.getLong(1)).properties.put(rs.getString(2), rs.getString(3));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT x.image_id, x.name FROM image_profiles x" + children + " ORDER BY x.image_id, x.position")) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.get(rs.getLong(1)).profiles.add(rs.getString(2));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT x.image_id, x.name, x.description, i.fingerprint, i.type"
                + " FROM image_aliases x" + children + " ORDER BY x.image_id, x.id")) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.get(rs.getLong(1)).aliases.add(
                            new AliasRecord(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT x.image_id, x.server, x.protocol, x.certificate,"
                + " x.alias, x.image_type FROM image_sources x" + children)) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.get(rs.getLong(1)).source = new UpdateSourceRecord(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
                }
            }
        }
        List<ImageRecord> out = new ArrayList<>(rows.size());
        for (Row r : rows.values()) {
            out.add(r.toRecord());
        }
        return out;
    }

    /** The columns of one images row while its children are being collected. */
    private static final class Row {
        final String fingerprint;
        final String filename;
        final long size;
        final boolean split;
        final String type;
        final String architecture;
        final boolean isPublic;
        final boolean autoUpdate;
        final boolean cached;
        final Instant createdAt;
        final Instant expiresAt;
        final Instant uploadedAt;
        final Instant lastUsedAt;
        final Map<String, String> properties = new TreeMap<>();
        final List<String> profiles = new ArrayList<>();
        final List<AliasRecord> aliases = new ArrayList<>();
        UpdateSourceRecord source;

        Row(ResultSet rs) throws SQLException {
            fingerprint = rs.getString(2);
            filename = rs.getString(3);
            size = rs.getLong(4);
            split = rs.getBoolean(5);
            type = rs.getString(6);
            architecture = rs.getString(7);
            isPublic = rs.getBoolean(8);
            autoUpdate = rs.getBoolean(9);
            cached = rs.getBoolean(10);
            createdAt = EpochNanos.read(rs, 11);
            expiresAt = EpochNanos.read(rs, 12);
            uploadedAt = EpochNanos.read(rs, 13);
            lastUsedAt = EpochNanos.read(rs, 14);
        }

        ImageRecord toRecord() {
            return new ImageRecord(fingerprint, filename, size, split, type, architecture, isPublic, autoUpdate, cached,
                    createdAt, expiresAt, uploadedAt, lastUsedAt, properties, profiles, aliases, source);
        }
    }
}
