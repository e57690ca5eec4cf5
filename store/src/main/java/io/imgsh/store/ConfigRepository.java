package io.imgsh.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Store-wide configuration values that were set explicitly. */
public final class ConfigRepository {
    private final Connection c;

    ConfigRepository(Connection connection) {
        this.c = connection;
    }

    public Optional<String> get(String key) throws SQLException {
        return Sql.first(c, "SELECT value FROM config WHERE key = ?", rs -> rs.getString(1), key);
    }

    public Map<String, String> all() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT key, value FROM config");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    public void set(String key, String value) throws SQLException {
        Sql.update(c, "INSERT INTO config (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
    }

    public boolean unset(String key) throws SQLException {
        return Sql.update(c, "DELETE FROM config WHERE key = ?", key) > 0;
    }
}
