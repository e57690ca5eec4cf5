package io.imgsh.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
        return Sql.list(c, SELECT + " ORDER BY name", RemoteRepository::remote);
    }

    public Optional<RemoteRecord> get(String name) throws SQLException {
        return Sql.first(c, SELECT + " WHERE name = ?", RemoteRepository::remote, name);
    }

    public void insert(RemoteRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO remotes (url, protocol, auth_type, public,"
                + " certificate, name) VALUES (?, ?, ?, ?, ?, ?)")) {
            bind(ps, r);
            ps.executeUpdate();
        }
    }

    /** Replaces every field but the name; false when there is no such remote. */
    public boolean update(RemoteRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE remotes SET url = ?, protocol = ?, auth_type = ?,"
                + " public = ?, certificate = ? WHERE name = ?")) {
            bind(ps, r);
            return ps.executeUpdate() > 0;
        }
    }

    public boolean rename(String name, String newName) throws SQLException {
        return Sql.update(c, "UPDATE remotes SET name = ? WHERE name = ?", newName, name) > 0;
    }

    public boolean delete(String name) throws SQLException {
        return Sql.update(c, "DELETE FROM remotes WHERE name = ?", name) > 0;
    }

    public Optional<String> setting(String key) throws SQLException {
        return Sql.first(c, "SELECT value FROM remote_settings WHERE key = ?", rs -> rs.getString(1), key);
    }

    public void setSetting(String key, String value) throws SQLException {
        Sql.update(c, "INSERT INTO remote_settings (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
    }

    /** When the policy task {@code task} last ran, if ever. */
    public Optional<Instant> lastRun(String task) throws SQLException {
        return Sql.first(c, "SELECT last_run FROM policy_runs WHERE task = ?", rs -> EpochNanos.read(rs, 1), task);
    }

    public void setLastRun(String task, Instant when) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO policy_runs (task, last_run) VALUES (?, ?)"
                + " ON CONFLICT (task) DO UPDATE SET last_run = excluded.last_run")) {
            ps.setString(1, task);
            EpochNanos.bind(ps, 2, when);
            ps.executeUpdate();
        }
    }

    /** Binds the fields in the order both {@link #insert} and {@link #update} list their columns: the name last. */
    private static void bind(PreparedStatement ps, RemoteRecord r) throws SQLException {
        ps.setString(1, r.url());
        ps.setString(2, r.protocol());
        ps.setString(3, r.authType());
        ps.setBoolean(4, r.isPublic());
        ps.setString(5, r.certificate());
        ps.setString(6, r.name());
    }

    private static RemoteRecord remote(ResultSet rs) throws SQLException {
        return new RemoteRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getBoolean(5), rs.getString(6));
    }
}
