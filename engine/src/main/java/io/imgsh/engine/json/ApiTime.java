package io.imgsh.engine.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Timestamps as LXD's API writes them: Go RFC3339Nano in UTC, with Go's zero time for "never". */
public final class ApiTime {
    /** Go's zero {@code time.Time}, which LXD prints for unset timestamps such as {@code last_used_at}. */
    public static final String ZERO = "0001-01-01T00:00:00Z";

    /** Go's zero time as an instant: "never" for timestamps such as {@code last_used_at}. */
    public static final Instant NEVER = Instant.parse(ZERO);

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private ApiTime() {
    }

    public static String format(Instant t) {
        if (t == null || t.equals(NEVER)) {
            return ZERO;
        }
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        if (t.getNano() != 0) {
            String fraction = String.format("%09d", t.getNano()).replaceFirst("0+$", "");
            sb.append('.').append(fraction);
        }
        return sb.append('Z').toString();
    }

    /** Parses an RFC 3339 timestamp; Go's zero time gives null ("not given"). */
    public static Instant parse(String text) {
        if (ZERO.equals(text)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid timestamp \"" + text + "\" (expected RFC 3339, e.g. "
                    + "2030-01-01T00:00:00Z)");
        }
    }
}
