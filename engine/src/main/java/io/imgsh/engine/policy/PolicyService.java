package io.imgsh.engine.policy;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.config.ConfigService;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.mirror.MirrorReport;
import io.imgsh.engine.mirror.MirrorService;
import io.imgsh.engine.remote.CopyService;
import io.imgsh.engine.remote.direct.DirectImporter;
import io.imgsh.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * LXD's image caching policy (reference §5): expired cached images are pruned, images with {@code auto_update}
 * are refreshed from their recorded source every {@code images.auto_update_interval} hours, and so are the mirrors
 * recorded with auto-update. Time comes from the
 * injected clock; every change lands in the event log.
 */
public final class PolicyService {
    static final String PRUNE = "prune-expired";
    static final String AUTO_UPDATE = "auto-update";
    static final Duration PRUNE_PERIOD = Duration.ofHours(24);

    private final Store store;
    private final Clock clock;
    private final ConfigService config;
    private final CopyService copies;
    private final StoreImages images;
    private final MirrorService mirrors;
    private final Supplier<Set<String>> imagesInUse;
    private final ReentrantLock running = new ReentrantLock();

    /** {@code imagesInUse}: the fingerprints of the images instances were made from, which are never pruned. */
    public PolicyService(Store store, Clock clock, ConfigService config, CopyService copies, StoreImages images,
                         MirrorService mirrors, Supplier<Set<String>> imagesInUse) {
        this.store = store;
        this.imagesInUse = imagesInUse;
        this.clock = clock;
        this.config = config;
        this.copies = copies;
        this.images = images;
        this.mirrors = mirrors;
    }

    /**
     * What one run did. {@code failures} are one line each: the image (or mirror) and why it could not be updated.
     */
    public record Report(List<String> pruned, List<CopyService.RefreshResult> updated, List<MirrorReport> mirrored,
                         List<String> failures) {
    }

    /** Prunes, then auto-updates the images that are due ({@code force}: all of them, whatever the interval). */
    public Report run(boolean force) {
        // One run at a time in this engine (the prompt's background run and `policy run` would fetch the same image).
        try {
            running.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Image policy run interrupted");
        }
        try {
            List<String> pruned = pruneExpired();
            List<CopyService.RefreshResult> updated = new ArrayList<>();
            List<MirrorReport> mirrored = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            if (force || autoUpdateDue()) {
                autoUpdate(updated, mirrored, failures);
            }
            return new Report(pruned, updated, mirrored, failures);
        } finally {
            running.unlock();
        }
    }

    /** Whether a run would do scheduled work now (an interactive shell starts one in the background then). */
    public boolean overdue() {
        Instant now = clock.instant();
        Instant lastPrune = store.read(tx -> tx.remotes().lastRun(PRUNE)).orElse(null);
        return lastPrune == null || !now.isBefore(lastPrune.plus(PRUNE_PERIOD)) || autoUpdateDue();
    }

    private boolean autoUpdateDue() {
        long hours = config.longValue(ConfigKey.AUTO_UPDATE_INTERVAL);
        if (hours <= 0) {
            return false;
        }
        Instant last = store.read(tx -> tx.remotes().lastRun(AUTO_UPDATE)).orElse(null);
        return last == null || !clock.instant().isBefore(last.plus(Duration.ofHours(hours)));
    }

    /**
     * Deletes cached images unused for longer than {@code images.remote_cache_expiry} days that no instance was made
     * from; returns them.
     */
    public List<String> pruneExpired() {
        long days = config.longValue(ConfigKey.REMOTE_CACHE_EXPIRY);
        Instant now = clock.instant();
        List<String> pruned = days > 0 ? images.deleteCachedUnusedSince(now.minus(Duration.ofDays(days)),
                imagesInUse.get()) : List.of();
        store.write(tx -> {
            tx.remotes().setLastRun(PRUNE, now);
            return null;
        });
        return pruned;
    }

    private void autoUpdate(List<CopyService.RefreshResult> updated, List<MirrorReport> mirrored,
                            List<String> failures) {
        Instant now = clock.instant();
        List<Image> candidates = images.list().stream()
                .filter(i -> i.autoUpdate() && i.updateSource() != null
                        && !DirectImporter.PROTOCOL.equals(i.updateSource().protocol()))
                .toList();
        copies.refreshAll(candidates.stream().map(Image::fingerprint).toList(),
                (fp, e) -> failures.add(fp.substring(0, 12) + ": " + e.getMessage()))
                .stream().filter(CopyService.RefreshResult::refreshed).forEach(updated::add);
        for (MirrorReport m : mirrors.mirrorAutoUpdating((remote, e) -> failures.add("mirror " + remote + ": "
                + e.getMessage()))) {
            mirrored.add(m);
            m.failures().forEach(f -> failures.add("mirror " + m.remote() + ": " + f));
        }
        store.write(tx -> {
            tx.remotes().setLastRun(AUTO_UPDATE, now);
            return null;
        });
    }
}
