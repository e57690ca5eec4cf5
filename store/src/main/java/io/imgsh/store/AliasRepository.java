package io.imgsh.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Image aliases; names are unique in the store. */
public final class AliasRepository {
    private static final String SELECT = "SELECT a.name, a.description, i.fingerprint, i.type"
            + " FROM image_aliases a JOIN images i ON i.id = a.image_id";

    private final Connection c;

    AliasRepository(Connection connection) {
        this.c = connection;
    }

    public List<AliasRecord> all() throws SQLException {
        return query(SELECT + " ORDER BY a.name", null);
    }

    public Optional<AliasRecord> get(String name) throws SQLException {
        return query(SELECT + " WHERE a.name = ?", name).stream().findFirst();
    }

    public void create(String name, String fingerprint, String description) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_aliases (name, image_id, description)"
                + " SELECT ?, id, ? FROM images WHERE fingerprint = ?")) {
            ps.setString(1, name);
            ps.setString(2, description);
            ps.setString(3, fingerprint);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("no image " + fingerprint);
            }
        }
    }

    public boolean rename(String name, String newName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE image_aliases SET name = ? WHERE name = ?")) {
            ps.setString(1, newName);
            ps.setString(2, name);
            return ps.executeUpdate() > 0;
        }
    }

    public boolean delete(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM image_aliases WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        }
    }

    private List<AliasRecord> query(String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<AliasRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AliasRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        }
    }
}
