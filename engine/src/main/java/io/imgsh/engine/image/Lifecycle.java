package io.imgsh.engine.image;

import io.imgsh.engine.json.GoJson;
import io.imgsh.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

/** Appends LXD-named lifecycle events to the store's event log, inside the caller's transaction. */
final class Lifecycle {
    private final Clock clock;

    Lifecycle(Clock clock) {
        this.clock = clock;
    }

    void imageCreated(Tx tx, String fingerprint, String type) throws SQLException {
        append(tx, "image-created", image(fingerprint), Map.of("type", type));
    }

    void imageUpdated(Tx tx, String fingerprint) throws SQLException {
        append(tx, "image-updated", image(fingerprint), Map.of());
    }

    void imageDeleted(Tx tx, String fingerprint) throws SQLException {
        append(tx, "image-deleted", image(fingerprint), Map.of());
    }

    void aliasCreated(Tx tx, String name, String target) throws SQLException {
        append(tx, "image-alias-created", alias(name), Map.of("target", target));
    }

    void aliasUpdated(Tx tx, String name, String target) throws SQLException {
        append(tx, "image-alias-updated", alias(name), Map.of("target", target));
    }

    void aliasRenamed(Tx tx, String name, String oldName) throws SQLException {
        append(tx, "image-alias-renamed", alias(name), Map.of("old_name", oldName));
    }

    void aliasDeleted(Tx tx, String name) throws SQLException {
        append(tx, "image-alias-deleted", alias(name), Map.of());
    }

    private void append(Tx tx, String action, String source, Map<String, String> context) throws SQLException {
        tx.events().append(clock.instant(), action, source, GoJson.write(context));
    }

    private static String image(String fingerprint) {
        return "/1.0/images/" + fingerprint;
    }

    private static String alias(String name) {
        return "/1.0/images/aliases/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
