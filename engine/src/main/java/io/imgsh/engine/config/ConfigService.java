package io.imgsh.engine.config;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.event.Lifecycle;
import io.imgsh.store.Store;
import io.imgsh.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * Store-wide settings; unset keys read as their defaults. Every change appends LXD's {@code config-updated} event
 * (source {@code /1.0}) in the same transaction. {@code core.trust_password} is stored as a salted hash
 * ({@link PasswordHash}) and read back, as LXD shows it, as {@code true} when set.
 */
public final class ConfigService {
    private final Store store;
    private final Lifecycle lifecycle;

    public ConfigService(Store store, Clock clock) {
        this.store = store;
        this.lifecycle = new Lifecycle(clock);
    }

    /** The value in effect: the one set, else the default ({@code true} for a trust password that is set). */
    public String get(String key) {
        ConfigKey k = ConfigKey.require(key);
        return store.read(tx -> tx.config().get(k.key())).map(v -> shown(k.key(), v)).orElse(k.defaultValue());
    }

    /** The value in effect of a key whose values are integers; the default should the stored one not be one. */
    public long longValue(ConfigKey key) {
        try {
            return Long.parseLong(get(key.key()));
        } catch (NumberFormatException e) {
            return Long.parseLong(key.defaultValue());
        }
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
        String stored = k == ConfigKey.TRUST_PASSWORD ? PasswordHash.hash(value) : value;
        store.write(tx -> {
            tx.config().set(k.key(), stored);
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

    /** Only the keys that were set explicitly, as {@link #get} shows them. */
    public Map<String, String> explicitlySet() {
        Map<String, String> stored = store.read(tx -> tx.config().all());
        Map<String, String> set = new TreeMap<>(stored);
        set.replaceAll(ConfigService::shown);
        return set;
    }

    /**
     * The keys set explicitly as LXD's {@code GET /1.0} and {@code lxc config show} give them: strings, but the
     * trust password as {@code true}.
     */
    public Map<String, Object> asLxdShowsIt() {
        Map<String, Object> shown = new TreeMap<>(explicitlySet());
        shown.computeIfPresent(ConfigKey.TRUST_PASSWORD.key(), (k, v) -> Boolean.TRUE);
        return shown;
    }

    /** Whether a trust password is set and {@code password} is it. */
    public boolean trustPasswordMatches(String password) {
        return store.read(tx -> tx.config().get(ConfigKey.TRUST_PASSWORD.key()))
                .map(stored -> PasswordHash.matches(stored, password)).orElse(false);
    }

    private static String shown(String key, String stored) {
        return key.equals(ConfigKey.TRUST_PASSWORD.key()) ? "true" : stored;
    }

    private void updated(Tx tx) throws SQLException {
        lifecycle.configUpdated(tx);
    }
}
