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
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM config WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
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
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO config (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    public boolean unset(String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM config WHERE key = ?")) {
            ps.setString(1, key);
            return ps.executeUpdate() > 0;
        }
    }
}
