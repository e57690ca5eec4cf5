package io.imgsh.engine.instance;

import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.config.ConfigService;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.PullSettings;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.image.UpdateSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The image an instance is made from, found as LXD finds it: a local reference in the store; a fingerprint of
 * another remote in the store when it is there already, without asking the remote; an alias of another remote
 * re-resolved there each time and downloaded only when the store lacks what it names now. A downloaded image is kept
 * as {@code cached}, with its source and {@code auto_update} from {@code images.auto_update_cached}, so that the
 * caching policy expires and refreshes it; every use updates its {@code last_used_at}. While auto-update runs
 * ({@code images.auto_update_interval} above 0), an alias is answered by the image kept up to date from it when there
 * is one, as LXD prefers its cached image, even when the remote now names a newer one.
 */
final class ImageCache {
    private static final Pattern FINGERPRINT_PREFIX = Pattern.compile("[0-9a-f]{1,64}");

    private final StoreImages store;
    private final Function<String, Images> places;
    private final ConfigService config;
    private final Clock clock;

    ImageCache(StoreImages store, Function<String, Images> places, ConfigService config, Clock clock) {
        this.store = store;
        this.places = places;
        this.config = config;
        this.clock = clock;
    }

    /** The local image, and how many bytes were downloaded for it (0: it was in the store). */
    record Obtained(Image image, long downloaded) {
    }

    Obtained obtain(ImageRef ref, Progress progress) {
        if (ref.remote().equals(ImageRef.LOCAL)) {
            return used(store.resolve(ref.name()), 0);
        }
        if (FINGERPRINT_PREFIX.matcher(ref.name()).matches()) {
            try {
                return used(store.byFingerprint(ref.name()), 0);
            } catch (NotFoundException e) {
                // not here: ask the remote
            }
        }
        Images remote = places.apply(ref.remote());
        Image image = remote.resolve(ref.name());
        boolean byAlias = !image.fingerprint().startsWith(ref.name());
        UpdateSource source = byAlias ? remote.updateSource(ref.name(), image) : null;
        if (source != null && config.longValue(ConfigKey.AUTO_UPDATE_INTERVAL) > 0) {
            // the image kept up to date from this alias, even when the remote has a newer one: the update cycle
            // brings that, and until then every instance starts from the same image without a download
            Optional<String> kept = store.keptUpToDateFrom(source, image.type());
            if (kept.isPresent()) {
                return used(store.get(kept.get()), 0);
            }
        }
        if (store.exists(image.fingerprint())) {
            return used(store.get(image.fingerprint()), 0);
        }
        boolean autoUpdate = Boolean.parseBoolean(config.get(ConfigKey.AUTO_UPDATE_CACHED.key()));
        long bytes = store.pull(remote, image, new PullSettings(false, autoUpdate && source != null, true,
                clock.instant(), source), List.of(), progress);
        return new Obtained(store.get(image.fingerprint()), bytes);
    }

    private Obtained used(Image image, long downloaded) {
        store.markUsed(image.fingerprint());
        return new Obtained(store.get(image.fingerprint()), downloaded);
    }
}
