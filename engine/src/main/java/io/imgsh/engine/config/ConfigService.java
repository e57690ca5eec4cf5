package io.imgsh.engine.config;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.store.Store;
import java.util.Map;

/** Store-wide settings; unset keys read as their defaults. */
public final class ConfigService {
    private final Store store;

    public ConfigService(Store store) {
        this.store = store;
    }

    /** The value in effect: the one set, else the default. */
    public String get(String key) {
        ConfigKey k = known(key);
        return store.read(tx -> tx.config().get(k.key())).orElse(k.defaultValue());
    }

    public void set(String key, String value) {
        ConfigKey k = ConfigKey.forSet(key, value);
        try {
            k.validate(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cannot set '" + key + "' to '" + value + "': " + e.getMessage());
        }
        store.write(tx -> {
            tx.config().set(k.key(), value);
            return null;
        });
    }

    public void unset(String key) {
        ConfigKey k = known(key);
        store.write(tx -> tx.config().unset(k.key()));
    }

    /** Only the keys that were set explicitly. */
    public Map<String, String> explicitlySet() {
        return store.read(tx -> tx.config().all());
    }

    private static ConfigKey known(String key) {
        return ConfigKey.find(key).orElseThrow(() -> new InvalidInputException("unknown key: " + key));
    }
}
