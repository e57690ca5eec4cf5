package io.imgsh.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Configured remotes, the client-side settings that go with them, and when each policy task last ran. */
public final class RemoteRepository {
    private static final String SELECT = "SELECT name, url, protocol, auth_type, public, certificate FROM remotes";

    private final Connection c;

    RemoteRepository(Connection connection) {
        this.c = connection;
    }

    public List<RemoteRecord> all() throws SQLException {
        return query(SELECT + " ORDER BY name", null);
    }

    public Optional<RemoteRecord> get(String name) throws SQLException {
        return query(SELECT + " WHERE name = ?", name).stream().findFirst();
    }

    public void insert(RemoteRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO remotes (name, url, protocol, auth_type, public,"
                + " certificate) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.name());
            ps.setString(2, r.url());
            ps.setString(3, r.protocol());
            ps.setString(4, r.authType());
            ps.setBoolean(5, r.isPublic());
            ps.setString(6, r.certificate());
            ps.executeUpdate();
        }
    }

    /** Replaces every field but the name; false when there is no such remote. */
    public boolean update(RemoteRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE remotes SET url = ?, protocol = ?, auth_type = ?,"
                + " public = ?, certificate = ? WHERE name = ?")) {
            ps.setString(1, r.url());
            ps.setString(2, r.protocol());
            ps.setString(3, r.authType());
            ps.setBoolean(4, r.isPublic());
            ps.setString(5, r.certificate());
            ps.setString(6, r.name());
            return ps.executeUpdate() > 0;
        }
    }

    public boolean rename(String name, String newName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE remotes SET name = ? WHERE name = ?")) {
            ps.setString(1, newName);
            ps.setString(2, name);
            return ps.executeUpdate() > 0;
        }
    }

    public boolean delete(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM remotes WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        }
    }

    public Optional<String> setting(String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM remote_settings WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void setSetting(String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO remote_settings (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    /** When the policy task {@code task} last ran, if ever. */
    public Optional<Instant> lastRun(String task) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_run FROM policy_runs WHERE task = ?")) {
            ps.setString(1, task);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(EpochNanos.read(rs, 1)) : Optional.empty();
            }
        }
    }

    public void setLastRun(String task, Instant when) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO policy_runs (task, last_run) VALUES (?, ?)"
                + " ON CONFLICT (task) DO UPDATE SET last_run = excluded.last_run")) {
            ps.setString(1, task);
            EpochNanos.bind(ps, 2, when);
            ps.executeUpdate();
        }
    }

    private List<RemoteRecord> query(String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<RemoteRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RemoteRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5), rs.getString(6)));
                }
            }
            return out;
        }
    }
}
