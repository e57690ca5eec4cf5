package io.imgsh.engine;

import io.imgsh.engine.config.ConfigService;
import io.imgsh.engine.image.AliasService;
import io.imgsh.engine.image.ImageService;
import io.imgsh.store.Store;
import java.nio.file.Path;
import java.time.Clock;

/** What front ends hold: the services over one store. */
public final class Engine implements AutoCloseable {
    private final Store store;
    private final ImageService images;
    private final AliasService aliases;
    private final ConfigService config;

    private Engine(Store store, Clock clock) {
        this.store = store;
        this.images = new ImageService(store, clock);
        this.aliases = new AliasService(store, clock);
        this.config = new ConfigService(store, clock);
    }

    public static Engine open(Path home, Clock clock) {
        return new Engine(Store.open(home), clock);
    }

    public Path home() {
        return store.home();
    }

    public ImageService images() {
        return images;
    }

    public AliasService aliases() {
        return aliases;
    }

    public ConfigService config() {
        return config;
    }

    @Override
    public void close() {
        store.close();
    }
}
