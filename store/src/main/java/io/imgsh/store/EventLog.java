package io.imgsh.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The append-only log of changes, written in the same transaction as the change itself. */
public final class EventLog {
    private final Connection c;

    EventLog(Connection connection) {
        this.c = connection;
    }

    public void append(Instant timestamp, String action, String source, String context) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO events (timestamp, action, source, context) VALUES (?, ?, ?, ?)")) {
            EpochNanos.bind(ps, 1, timestamp);
            ps.setString(2, action);
            ps.setString(3, source);
            ps.setString(4, context);
            ps.executeUpdate();
        }
    }

    /** The id of the newest event, 0 when there is none. */
    public long latestId() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM events");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Events with an id greater than {@code afterId}, oldest first. */
    public List<EventRecord> since(long afterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, timestamp, action, source, context FROM events WHERE id > ? ORDER BY id")) {
            ps.setLong(1, afterId);
            List<EventRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EventRecord(rs.getLong(1), EpochNanos.read(rs, 2), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                }
            }
            return out;
        }
    }
}
