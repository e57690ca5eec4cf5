package io.imgsh.engine.remote;

import io.imgsh.engine.json.GoJson;
import io.imgsh.store.Tx;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

/** Lifecycle events of copies, refreshes and the caching policy, named as LXD names them. */
public final class Events {
    private final Clock clock;

    public Events(Clock clock) {
        this.clock = clock;
    }

    public void image(Tx tx, String action, String fingerprint, Map<String, String> context) throws SQLException {
        tx.events().append(clock.instant(), action, "/1.0/images/" + fingerprint, GoJson.write(context));
    }

    public void alias(Tx tx, String action, String name, Map<String, String> context) throws SQLException {
        tx.events().append(clock.instant(), action, "/1.0/images/aliases/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"), GoJson.write(context));
    }
}
