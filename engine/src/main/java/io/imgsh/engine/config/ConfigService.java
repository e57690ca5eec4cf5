package io.imgsh.engine.config;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.event.Lifecycle;
import io.imgsh.store.Store;
import io.imgsh.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

/**
 * Store-wide settings; unset keys read as their defaults. Every change appends LXD's {@code config-updated} event
 * (source {@code /1.0}) in the same transaction.
 */
public final class ConfigService {
    private final Store store;
    private final Lifecycle lifecycle;

    public ConfigService(Store store, Clock clock) {
        this.store = store;
        this.lifecycle = new Lifecycle(clock);
    }

    /** The value in effect: the one set, else the default. */
    public String get(String key) {
        ConfigKey k = ConfigKey.require(key);
        return store.read(tx -> tx.config().get(k.key())).orElse(k.defaultValue());
    }

    /** Sets a key after LXD's validation; an empty value unsets it, as in LXD. */
    public void set(String key, String value) {
        ConfigKey k = ConfigKey.forSet(key, value);
        if (value.isEmpty()) {
            unset(k);
            return;
        }
        try {
            k.validate(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cannot set '" + key + "' to '" + value + "': " + e.getMessage());
        }
        store.write(tx -> {
            tx.config().set(k.key(), value);
            updated(tx);
            return null;
        });
    }

    /** Back to the default; unsetting a key that is not set is not an error. */
    public void unset(String key) {
        unset(ConfigKey.forSet(key, ""));
    }

    private void unset(ConfigKey k) {
        store.write(tx -> {
            tx.config().unset(k.key());
            updated(tx);
            return null;
        });
    }

    /** Only the keys that were set explicitly. */
    public Map<String, String> explicitlySet() {
        return store.read(tx -> tx.config().all());
    }

    private void updated(Tx tx) throws SQLException {
        lifecycle.configUpdated(tx);
    }
}
