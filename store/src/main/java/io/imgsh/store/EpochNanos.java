package io.imgsh.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Timestamps are stored as nanoseconds since the epoch, an INTEGER. That covers 1677-09-21 to 2262-04-11; an instant
 * outside (Go's zero time 0001-01-01, an expiry in the year 3000) is stored as its ISO-8601 text instead, which the
 * column's INTEGER affinity keeps as TEXT.
 */
final class EpochNanos {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private EpochNanos() {
    }

    static long of(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), NANOS_PER_SECOND), t.getNano());
    }

    static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    /** Binds {@code t} (null for SQL NULL). */
    static void bind(PreparedStatement ps, int index, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(index, Types.INTEGER);
            return;
        }
        long nanos;
        try {
            nanos = of(t);
        } catch (ArithmeticException outOfRange) {
            ps.setString(index, t.toString());
            return;
        }
        ps.setLong(index, nanos);
    }

    /** Reads what {@link #bind} wrote; null for SQL NULL. */
    static Instant read(ResultSet rs, int index) throws SQLException {
        Object value = rs.getObject(index);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return toInstant(n.longValue());
        }
        return Instant.parse(value.toString());
    }
}
