package io.imgsh.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The log of changes, written in the same transaction as the change itself. Its readers (the event feed of
 * {@code imgsh serve} and {@code monitor}) look for new rows a few times a second, so rows are kept only while they
 * are among the newest {@link #KEPT} or younger than {@link #KEPT_FOR}: without a bound, a store whose aliases a
 * script changes in a loop grows by a megabyte every ten thousand changes. Committed rows' ids are never reused, as
 * the readers go by them.
 */
public final class EventLog {
    /** How many of the newest rows are kept, at least. */
    public static final int KEPT = 10_000;
    /** How long a row is kept, at least: a reader held up that long, or a change of more rows, loses none. */
    public static final Duration KEPT_FOR = Duration.ofMinutes(10);
    /** Older rows are deleted together, once every this many appends. */
    static final int PRUNED_EVERY = 1_000;

    private final Connection c;

    EventLog(Connection connection) {
        this.c = connection;
    }

    public void append(Instant timestamp, String action, String source, String context) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO events (timestamp, action, source, context) VALUES (?, ?, ?, ?) RETURNING id")) {
            EpochNanos.bind(ps, 1, timestamp);
            ps.setString(2, action);
            ps.setString(3, source);
            ps.setString(4, context);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        if (id % PRUNED_EVERY == 0) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE id <= ? AND timestamp < ?")) {
                ps.setLong(1, id - KEPT);
                EpochNanos.bind(ps, 2, timestamp.minus(KEPT_FOR));
                ps.executeUpdate();
            }
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
