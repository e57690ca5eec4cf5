package io.imgsh.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Mirrors and the images each one brought into the store: only those are ever removed by a mirror run. An image
 * deleted otherwise leaves its mirrors with it (cascade).
 */
public final class MirrorRepository {
    private static final String SELECT = "SELECT remote, filters, keep, auto_update, last_run FROM mirrors";
    /** Filters are kept one per line; a filter holding a line break is refused before it gets here. */
    private static final String SEPARATOR = "\n";

    private final Connection c;

    MirrorRepository(Connection connection) {
        this.c = connection;
    }

    public List<MirrorRecord> all() throws SQLException {
        return Sql.list(c, SELECT + " ORDER BY remote", MirrorRepository::mirror);
    }

    public Optional<MirrorRecord> get(String remote) throws SQLException {
        return Sql.first(c, SELECT + " WHERE remote = ?", MirrorRepository::mirror, remote);
    }

    /** Inserts the mirror or replaces its settings; its last run and its images stay. */
    public void save(MirrorRecord m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mirrors (remote, filters, keep, auto_update)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (remote) DO UPDATE SET filters = excluded.filters,"
                + " keep = excluded.keep, auto_update = excluded.auto_update")) {
            ps.setString(1, m.remote());
            ps.setString(2, String.join(SEPARATOR, m.filters()));
            ps.setInt(3, m.keep());
            ps.setBoolean(4, m.autoUpdate());
            ps.executeUpdate();
        }
    }

    public void setLastRun(String remote, Instant when) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE mirrors SET last_run = ? WHERE remote = ?")) {
            EpochNanos.bind(ps, 1, when);
            ps.setString(2, remote);
            ps.executeUpdate();
        }
    }

    /** The fingerprints of the images the mirror brought here, sorted. */
    public List<String> images(String remote) throws SQLException {
        return Sql.list(c, "SELECT i.fingerprint FROM mirrored_images m JOIN images i ON i.id = m.image_id"
                + " WHERE m.mirror = ? ORDER BY i.fingerprint", rs -> rs.getString(1), remote);
    }

    /** Records that the mirror holds the stored image {@code fingerprint}. */
    public void addImage(String remote, String fingerprint) throws SQLException {
        if (Sql.update(c, "INSERT OR IGNORE INTO mirrored_images (mirror, image_id)"
                + " SELECT ?, id FROM images WHERE fingerprint = ?", remote, fingerprint) != 1
                && Sql.first(c, "SELECT 1 FROM images WHERE fingerprint = ?", rs -> 1, fingerprint).isEmpty()) {
            throw new SQLException("no image " + fingerprint);
        }
    }

    /** Forgets that the mirror holds the image; how many mirrors still hold it. */
    public int removeImage(String remote, String fingerprint) throws SQLException {
        Sql.update(c, "DELETE FROM mirrored_images WHERE mirror = ?"
                + " AND image_id = (SELECT id FROM images WHERE fingerprint = ?)", remote, fingerprint);
        return Sql.first(c, "SELECT count(*) FROM mirrored_images m JOIN images i ON i.id = m.image_id"
                + " WHERE i.fingerprint = ?", rs -> rs.getInt(1), fingerprint).orElse(0);
    }

    private static MirrorRecord mirror(ResultSet rs) throws SQLException {
        String filters = rs.getString(2);
        return new MirrorRecord(rs.getString(1), filters.isEmpty() ? List.of() : Arrays.asList(filters.split(SEPARATOR)),
                rs.getInt(3), rs.getBoolean(4), EpochNanos.read(rs, 5));
    }
}
