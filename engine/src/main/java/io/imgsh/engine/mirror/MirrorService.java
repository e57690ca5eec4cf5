package io.imgsh.engine.mirror;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.PullSettings;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.remote.RemoteService;
import io.imgsh.store.MirrorRecord;
import io.imgsh.store.Store;
import io.imgsh.store.StoreException;
import io.imgsh.store.TxWork;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.BiConsumer;

/**
 * {@code image mirror REMOTE: [FILTER…] [--keep N] [--auto-update]}: keeps in the store the images of a remote that
 * the filters select, the newest {@code N} of each {@link Family}. A run copies what is missing (a broken transfer
 * resumes where it broke; an image that still fails is reported and the others go on, and the next run continues
 * its download from what arrived, even after the process was killed), points the remote's aliases at the same images
 * here (an alias moved there moves here), and removes the images this mirror brought in that the remote no longer
 * offers or that fell out of the newest N. Images that were in the store already are never removed. The settings are
 * recorded per remote: a later run without them, and the caching policy's auto-update for a mirror recorded with
 * {@code --auto-update}, refresh the mirror as it was set up.
 */
public final class MirrorService {
    private final Store store;
    private final Clock clock;
    private final RemoteService remotes;
    private final StoreImages images;

    public MirrorService(Store store, Clock clock, RemoteService remotes, StoreImages images) {
        this.store = store;
        this.clock = clock;
        this.remotes = remotes;
        this.images = images;
    }

    /**
     * Runs the mirror of {@code remote}; {@code filters}, {@code keep} (0: every matching image) and
     * {@code autoUpdate} replace the recorded settings, null keeps them (or the defaults for a new mirror: every
     * image, all kept, no auto-update).
     */
    public MirrorReport mirror(String remote, List<String> filters, Integer keep, Boolean autoUpdate,
                               Progress progress) {
        if (remote.equals(ImageRef.LOCAL)) {
            throw new InvalidInputException("The local store cannot mirror itself; name a remote (image mirror"
                    + " REMOTE: [FILTER...])");
        }
        if (keep != null && keep < 0) {
            throw new InvalidInputException("--keep must be 0 (keep every image) or more, not " + keep);
        }
        if (filters != null && filters.stream().anyMatch(f -> f.contains("\n"))) {
            throw new InvalidInputException("A filter cannot hold a line break");
        }
        Images from = remotes.images(remote);
        MirrorRecord recorded = store.read(tx -> tx.mirrors().get(remote)).orElse(null);
        MirrorRecord settings = new MirrorRecord(remote,
                filters != null ? filters : recorded != null ? recorded.filters() : List.of(),
                keep != null ? keep : recorded != null ? recorded.keep() : 0,
                autoUpdate != null ? autoUpdate : recorded != null && recorded.autoUpdate(), null);
        List<Image> listing = from.list(settings.filters());
        store.write(tx -> {
            tx.mirrors().save(settings);
            return null;
        });
        Run run = new Run(from, settings, progress);
        for (Image image : wanted(listing, settings.keep())) {
            run.copy(image);
        }
        run.removeUnwanted();
        run.discardUnwantedDownloads(listing);
        store.write(tx -> {
            tx.mirrors().setLastRun(remote, clock.instant());
            return null;
        });
        return run.report();
    }

    /**
     * Runs every mirror recorded with auto-update, as recorded; a mirror that cannot run at all goes to
     * {@code failed} and the others go on (images that failed to copy are in each report).
     */
    public List<MirrorReport> mirrorAutoUpdating(BiConsumer<String, EngineException> failed) {
        List<MirrorReport> reports = new ArrayList<>();
        for (MirrorRecord m : store.read(tx -> tx.mirrors().all())) {
            if (!m.autoUpdate()) {
                continue;
            }
            try {
                reports.add(mirror(m.remote(), null, null, null, Progress.NONE));
            } catch (EngineException e) {
                failed.accept(m.remote(), e);
            }
        }
        return reports;
    }

    /** The newest {@code keep} images of each family (all of them for 0), in the listing's order. */
    private static List<Image> wanted(List<Image> listing, int keep) {
        Map<Family, List<Image>> families = new LinkedHashMap<>();
        listing.forEach(i -> families.computeIfAbsent(Family.of(i), f -> new ArrayList<>()).add(i));
        Set<String> newest = new HashSet<>();
        for (List<Image> family : families.values()) {
            family.stream().sorted(Family.NEWEST_FIRST).limit(keep == 0 ? Long.MAX_VALUE : keep)
                    .forEach(i -> newest.add(i.fingerprint()));
        }
        return listing.stream().filter(i -> newest.contains(i.fingerprint())).toList();
    }

    /** One run of a mirror: what it copied, found, moved and removed so far. */
    private final class Run {
        private final Images from;
        private final String remote;
        private final Progress progress;
        private final List<MirrorReport.Item> added = new ArrayList<>();
        private final List<MirrorReport.Item> kept = new ArrayList<>();
        private final List<MirrorReport.Item> removed = new ArrayList<>();
        private final List<MirrorReport.MovedAlias> moved = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        private final Set<String> wanted = new HashSet<>();
        private final Set<Family> failedFamilies = new HashSet<>();
        /** The store's aliases by name as the run began, read once (not once per alias of every image). */
        private final Map<String, String> aliasTargets;

        Run(Images from, MirrorRecord settings, Progress progress) {
            this.from = from;
            this.remote = settings.remote();
            this.progress = progress;
            this.aliasTargets = images.aliases(List.of()).stream()
                    .collect(Collectors.toMap(AliasEntry::name, AliasEntry::target));
        }

        /**
         * Copies the image unless it is here, recording it as this mirror's in the transaction that stores it, and
         * points the remote's aliases of it at it here.
         */
        void copy(Image image) {
            String fp = image.fingerprint();
            Family family = Family.of(image);
            wanted.add(fp);
            List<String> names = image.aliases().stream().map(ImageAlias::name).toList();
            Map<String, String> before = new LinkedHashMap<>();
            names.stream().filter(aliasTargets::containsKey).forEach(n -> before.put(n, aliasTargets.get(n)));
            try {
                boolean here = images.exists(fp);
                TxWork<Void> record = tx -> {
                    tx.mirrors().addImage(remote, fp);
                    return null;
                };
                images.pull(from, image, new PullSettings(image.isPublic(), false, false, null,
                        from.updateSource(names.isEmpty() ? fp : names.get(0), image)), names,
                        here ? tx -> null : record, progress);
                (here ? kept : added).add(new MirrorReport.Item(fp, family.key()));
                before.forEach((name, target) -> {
                    if (!target.equals(fp)) {
                        moved.add(new MirrorReport.MovedAlias(name, target, fp));
                    }
                });
            } catch (EngineException e) {
                failures.add(image.shortFingerprint() + ": " + e.getMessage());
                failedFamilies.add(family);
            }
        }

        /**
         * Removes the images this mirror brought in that this run did not want, unless a newer image of their family
         * failed to arrive (the old one stays until it does) or another mirror still holds them.
         */
        void removeUnwanted() {
            for (String fp : store.read(tx -> tx.mirrors().images(remote))) {
                if (wanted.contains(fp)) {
                    continue;
                }
                Family family = Family.of(images.get(fp));
                if (failedFamilies.contains(family)) {
                    continue;
                }
                if (images.deleteIf(fp, tx -> tx.mirrors().removeImage(remote, fp) == 0)) {
                    removed.add(new MirrorReport.Item(fp, family.key()));
                }
            }
        }

        /**
         * Removes what earlier runs kept of downloads of the listed images that this run did not want (fallen out of
         * the newest N). Kept downloads of images the remote no longer lists go after {@link Store#DOWNLOAD_KEPT_FOR}.
         * Best effort: one that cannot be removed now goes then, and the run, whose work is done, still succeeds.
         */
        void discardUnwantedDownloads(List<Image> listing) {
            for (Image image : listing) {
                if (wanted.contains(image.fingerprint())) {
                    continue;
                }
                try {
                    store.discardDownload(image.fingerprint());
                } catch (StoreException cannotRemove) {
                    // the store's own clean-up removes it once it is a week old
                }
            }
        }

        MirrorReport report() {
            return new MirrorReport(remote, added, kept, removed, moved, failures);
        }
    }
}
