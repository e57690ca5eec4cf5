package io.imgsh.engine.event;

import io.imgsh.engine.json.GoJson;
import io.imgsh.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

/** Appends LXD-named lifecycle events to the store's event log, inside the caller's transaction. */
public final class Lifecycle {
    private final Clock clock;

    public Lifecycle(Clock clock) {
        this.clock = clock;
    }

    public void imageCreated(Tx tx, String fingerprint, String type) throws SQLException {
        append(tx, "image-created", image(fingerprint), Map.of("type", type));
    }

    public void imageUpdated(Tx tx, String fingerprint) throws SQLException {
        append(tx, "image-updated", image(fingerprint), Map.of());
    }

    public void imageDeleted(Tx tx, String fingerprint) throws SQLException {
        append(tx, "image-deleted", image(fingerprint), Map.of());
    }

    public void aliasCreated(Tx tx, String name, String target) throws SQLException {
        append(tx, "image-alias-created", alias(name), Map.of("target", target));
    }

    public void aliasUpdated(Tx tx, String name, String target) throws SQLException {
        append(tx, "image-alias-updated", alias(name), Map.of("target", target));
    }

    public void aliasRenamed(Tx tx, String name, String oldName) throws SQLException {
        append(tx, "image-alias-renamed", alias(name), Map.of("old_name", oldName));
    }

    public void imageRefreshed(Tx tx, String fingerprint, String oldFingerprint) throws SQLException {
        append(tx, "image-refreshed", image(fingerprint), Map.of("old_fingerprint", oldFingerprint));
    }

    public void configUpdated(Tx tx) throws SQLException {
        append(tx, "config-updated", "/1.0", Map.of());
    }

    public void aliasDeleted(Tx tx, String name) throws SQLException {
        append(tx, "image-alias-deleted", alias(name), Map.of());
    }

    private void append(Tx tx, String action, String source, Map<String, String> context) throws SQLException {
        tx.events().append(clock.instant(), action, source, GoJson.writeStrings(context));
    }

    private static String image(String fingerprint) {
        return "/1.0/images/" + fingerprint;
    }

    private static String alias(String name) {
        return "/1.0/images/aliases/" + pathEscape(name);
    }

    /**
     * Go's {@code url.PathEscape}, which LXD's event URLs use: unreserved characters and {@code $&+:=@} stay,
     * everything else (including {@code /}, space and every non-ASCII byte) becomes {@code %XX}.
     */
    static String pathEscape(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean keep = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-_.~$&+:=@".indexOf(c) >= 0;
            if (keep) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
