package io.imgsh.engine.image;

import io.imgsh.engine.ETagMismatchException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.event.Lifecycle;
import io.imgsh.engine.format.Architectures;
import io.imgsh.engine.json.ApiTime;
import io.imgsh.store.AliasRecord;
import io.imgsh.store.ImageRecord;
import io.imgsh.store.Store;
import io.imgsh.store.Tx;
import io.imgsh.store.TxWork;
import io.imgsh.store.UpdateSourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The images of the local store ({@code local:}): import, look-up, listing, edits, aliases and deletion. */
public final class StoreImages implements Images {
    private static final Set<String> PROFILES = Set.of("default");

    private final Store store;
    private final Clock clock;
    private final Lifecycle lifecycle;
    private final AliasService aliases;
    private final Importer importer;

    public StoreImages(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.lifecycle = new Lifecycle(clock);
        this.aliases = new AliasService(store, clock);
        this.importer = new Importer(store, clock, aliases);
    }

    @Override
    public String remote() {
        return ImageRef.LOCAL;
    }

    /** An image copied from the store has no source to refresh from. */
    @Override
    public UpdateSource updateSource(String alias, Image image) {
        return null;
    }

    @Override
    public Optional<String> readOnlyBecause() {
        return Optional.empty();
    }

    /**
     * Copies the file(s) into the store in one pass, hashing while copying and reading only the metadata on the way;
     * then inserts the image and its aliases in one transaction. An image directory is packed into a unified tarball
     * ({@code <dir>.tar.xz}) on the way. Nothing is left behind on failure.
     */
    public ImportResult importImage(ImportRequest request) {
        return importImage(request, Progress.NONE);
    }

    /**
     * {@link #importImage(ImportRequest)}, telling {@code progress} the bytes read from the file(s) so far. An
     * interrupt of the calling thread stops the copy; as for any failure, nothing is left behind.
     */
    public ImportResult importImage(ImportRequest request, Progress progress) {
        return importer.importFiles(request, progress);
    }

    /**
     * Imports a unified image read from {@code source} (a download) rather than from a file: copies it into the
     * store in one pass while reading its metadata, refuses a tarball without a rootfs, hands the fingerprint to
     * {@code verify} before anything is stored (it throws to refuse the image), then inserts the image with
     * {@code updateSource} and points the aliases at it as {@link #importImage(ImportRequest)} does. Nothing is left
     * behind on failure. Does not close {@code source}.
     */
    public ImportResult importUnified(InputStream source, String filename, List<String> names, boolean isPublic,
                                      Map<String, String> properties, UpdateSource updateSource,
                                      Consumer<String> verify) {
        return importer.importUnified(source, filename, names, isPublic, properties, updateSource, verify);
    }

    /**
     * Imports the image whose files {@code streams} hands over (an upload), read once as they arrive: copied into the
     * store while hashing, the metadata read on the way; {@code verify} gets the fingerprint before anything is
     * stored (it throws to refuse the image). {@code properties} override the image's own. Nothing is left behind on
     * failure, including a failure to receive the files.
     */
    public ImportResult importStreams(ImageStreams streams, boolean isPublic, Map<String, String> properties,
                                      Consumer<String> verify) {
        return importer.importStreams(streams, isPublic, properties, verify);
    }

    /**
     * Copies {@code image} from {@code source} into the store, kept as {@code settings} say, with {@code names}
     * pointing at it (taken over from other images); an image already stored only gains the aliases, and stops being
     * cached unless {@code settings} cache it (an explicit copy keeps what was only cached: so the behaviour reference
     * has it and current LXD does; LXD 5.0.2 left it cached, to expire). Returns the bytes read from the source (0
     * when the image was here).
     */
    public long pull(Images source, Image image, PullSettings settings, Collection<String> names,
                     Progress progress) {
        return pull(source, image, settings, names, tx -> null, progress);
    }

    /**
     * As {@link #pull(Images, Image, PullSettings, Collection, Progress)}; {@code also} runs in the transaction that
     * stores the image or, when it is here already, that points the aliases at it.
     */
    public long pull(Images source, Image image, PullSettings settings, Collection<String> names, TxWork<?> also,
                     Progress progress) {
        names.forEach(AliasService::checkName);
        String fingerprint = image.fingerprint();
        TxWork<Object> work = tx -> {
            aliases.pointAt(tx, names, fingerprint);
            return also.run(tx);
        };
        if (exists(fingerprint)) {
            store.write(tx -> {
                if (!settings.cached() && tx.images().unsetCached(fingerprint)) {
                    lifecycle.imageUpdated(tx, fingerprint);
                }
                return work.run(tx);
            });
            return 0;
        }
        return importer.pull(source, image, settings, work, progress);
    }

    /**
     * Downloads the files of the stored image {@code image} again from {@code source} and puts them in place of the
     * stored ones once they hash to its fingerprint (a repair); the image's row, aliases and settings stay. Returns
     * the bytes read.
     */
    public long restoreFiles(Images source, Image image, Progress progress) {
        return importer.restoreFiles(source, image, progress);
    }

    /**
     * Runs {@code release} in a write transaction and, when it answers true, deletes the image (and its aliases) in
     * the same one; returns whether the image went. A missing image is not an error: nothing is deleted.
     */
    public boolean deleteIf(String fingerprint, TxWork<Boolean> release) {
        return store.write(tx -> {
            ImageRecord image = tx.images().get(fingerprint).orElse(null);
            if (!release.run(tx) || image == null) {
                return false;
            }
            importer.delete(tx, image);
            return true;
        });
    }

    /**
     * Replaces the image {@code old} by {@code latest} from {@code source} (copied unless it is here already): the
     * aliases move to it; copied, it keeps {@code old}'s public flag, cached state, last use and source, with
     * auto_update on; and {@code old} goes, in one transaction. Nothing changes if {@code old} went meanwhile.
     */
    public void replace(Image old, Images source, Image latest, Progress progress) {
        String fp = latest.fingerprint();
        TxWork<Void> swap = tx -> {
            ImageRecord current = tx.images().get(old.fingerprint()).orElse(null);
            if (current != null) {
                aliases.pointAt(tx, current.aliases().stream().map(AliasRecord::name).toList(), fp);
                importer.delete(tx, current);
                lifecycle.imageRefreshed(tx, fp, old.fingerprint());
            }
            return null;
        };
        if (exists(fp)) {
            store.write(swap);
        } else {
            Instant used = old.lastUsedAt() == null || old.lastUsedAt().equals(ApiTime.NEVER) ? null
                    : old.lastUsedAt();
            // as LXD's refresh: the new image is kept up to date whatever the old one's auto_update said
            importer.pull(source, latest, new PullSettings(old.isPublic(), true, old.cached(), used,
                    old.updateSource()), swap, progress);
        }
    }

    /** Whether the store holds the image with exactly this fingerprint. */
    public boolean exists(String fingerprint) {
        return store.read(tx -> tx.images().exists(fingerprint));
    }

    /** Fails as an import would for an invalid alias name (lets a caller check before it downloads anything). */
    public void checkAliasNames(Collection<String> names) {
        names.forEach(AliasService::checkName);
    }

    /** Every image, in the order they were added. */
    public List<Image> list() {
        return store.read(tx -> tx.images().all()).stream().map(StoreImages::toImage).toList();
    }

    /** The images the filters select, by fingerprint (as LXD lists them). */
    @Override
    public List<Image> list(List<String> filters) {
        ImageFilter filter = ImageFilter.of(filters);
        return list().stream().filter(filter::matches).sorted(Comparator.comparing(Image::fingerprint)).toList();
    }

    @Override
    public Image resolve(String reference) {
        return store.read(tx -> {
            Optional<AliasRecord> alias = tx.aliases().get(reference);
            String fingerprint = alias.isPresent() ? alias.get().target() : uniquePrefix(tx, reference);
            return tx.images().get(fingerprint).map(StoreImages::toImage)
                    .orElseThrow(() -> new NotFoundException("Image not found"));
        });
    }

    @Override
    public Image byFingerprint(String prefix) {
        return store.read(tx -> tx.images().get(uniquePrefix(tx, prefix)).map(StoreImages::toImage)
                .orElseThrow(() -> new NotFoundException("Image not found")));
    }

    static String uniquePrefix(Tx tx, String prefix) throws SQLException {
        if (prefix.isEmpty()) {
            throw new NotFoundException("Image not found");
        }
        // LXD looks prefixes up with SQL's LIKE, which ignores the case of hex digits (PowerShell prints them upper)
        List<String> matches = tx.images().fingerprintsStartingWith(prefix.toLowerCase(Locale.ROOT));
        if (matches.isEmpty()) {
            throw new NotFoundException("Image not found");
        }
        if (matches.size() > 1) {
            throw new EngineException("More than one image matches \"" + prefix + "\": " + String.join(", ",
                    matches.stream().map(fp -> fp.substring(0, 12)).toList()));
        }
        return matches.get(0);
    }

    /** The image with exactly this fingerprint. */
    public Image get(String fingerprint) {
        return store.read(tx -> tx.images().get(fingerprint)).map(StoreImages::toImage)
                .orElseThrow(() -> new NotFoundException("Image not found"));
    }

    @Override
    public ImageSnapshot snapshot(String fingerprint) {
        Image image = get(fingerprint);
        return new ImageSnapshot(image, ImageETag.of(image));
    }

    /** Replaces the writable fields, as LXD's PUT does: an unset expiry keeps the old one, empty values vanish. */
    public void update(String fingerprint, ImagePut put) {
        update(fingerprint, put, null);
    }

    @Override
    public void update(String fingerprint, ImagePut put, String etag) {
        List<String> profiles = put.profiles() == null ? List.of("default") : put.profiles();
        Map<String, String> properties = new TreeMap<>();
        if (put.properties() != null) {
            put.properties().forEach((k, v) -> {
                if (v != null && !v.isEmpty()) {
                    properties.put(k, v);
                }
            });
        }
        store.write(tx -> {
            ImageRecord current = tx.images().get(fingerprint)
                    .orElseThrow(() -> new NotFoundException("Image not found"));
            if (etag != null) {
                String now = ImageETag.of(toImage(current));
                if (!now.equals(etag)) {
                    throw new ETagMismatchException(now, etag, "image");
                }
            }
            for (String p : profiles) {
                if (!PROFILES.contains(p)) {
                    throw new InvalidInputException("Profile '" + p + "' doesn't exist");
                }
            }
            Instant expires = put.expiresAt() == null ? current.expiresAt() : put.expiresAt();
            tx.images().updateWritable(fingerprint, put.isPublic(), put.autoUpdate(), properties, expires, profiles);
            lifecycle.imageUpdated(tx, fingerprint);
            return null;
        });
    }

    /** Deletes the image and its aliases; its files go once the deletion has committed. */
    @Override
    public void delete(String fingerprint) {
        store.write(tx -> {
            importer.delete(tx, tx.images().get(fingerprint)
                    .orElseThrow(() -> new NotFoundException("Image not found")));
            return null;
        });
    }

    /**
     * Deletes the cached images that nobody used (or, never used, that arrived) before {@code cutoff}, except those
     * in {@code kept} (the images of instances); returns their fingerprints.
     */
    public List<String> deleteCachedUnusedSince(Instant cutoff, Set<String> kept) {
        return store.write(tx -> {
            List<String> deleted = new ArrayList<>();
            for (ImageRecord image : tx.images().all()) {
                Instant used = image.lastUsedAt() != null ? image.lastUsedAt() : image.uploadedAt();
                if (image.cached() && used.isBefore(cutoff) && !kept.contains(image.fingerprint())) {
                    importer.delete(tx, image);
                    deleted.add(image.fingerprint());
                }
            }
            return deleted;
        });
    }

    /** The images the filters select, by fingerprint, each with its stored files, read in one transaction. */
    public List<StoredImage> listStored(List<String> filters) {
        ImageFilter filter = ImageFilter.of(filters);
        return store.read(tx -> tx.images().all()).stream()
                .map(r -> new StoredImage(toImage(r), store.files(r)))
                .filter(s -> filter.matches(s.image()))
                .sorted(Comparator.comparing(s -> s.image().fingerprint())).toList();
    }

    /**
     * The image that {@code source} keeps up to date here for an instance of {@code type} on this host: the newest
     * with auto_update set, of the first of the host's architectures that has one (LXD's "prefer cached").
     */
    public Optional<String> keptUpToDateFrom(UpdateSource source, String type) {
        return store.read(tx -> {
            for (String architecture : Architectures.hostAll()) {
                Optional<String> found = tx.images().newestUpdatedFrom(source.server(), source.protocol(),
                        source.alias(), architecture, type);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.<String>empty();
        });
    }

    /** Records that an instance was made from the image now ({@code last_used_at}). */
    public void markUsed(String fingerprint) {
        store.write(tx -> {
            tx.images().setLastUsed(fingerprint, clock.instant());
            return null;
        });
    }

    /** The image's stored files: the unified file, or the metadata then the rootfs. */
    public List<Path> files(String fingerprint) {
        return store.files(store.read(tx -> tx.images().get(fingerprint))
                .orElseThrow(() -> new NotFoundException("Image not found")));
    }

    @Override
    public long export(Image image, ImageSink sink, Progress progress) {
        List<Path> files = files(image.fingerprint());
        long done = 0;
        try {
            long total = 0;
            for (Path f : files) {
                total += Files.size(f);
            }
            for (int i = 0; i < files.size(); i++) {
                ImagePart part = ImagePart.of(i, files.size());
                try (CountingStream in = new CountingStream(Files.newInputStream(files.get(i)), done, total,
                        part.stage(), progress)) {
                    sink.accept(part, in);
                    done = in.count();
                }
            }
            return done;
        } catch (IOException e) {
            throw new EngineException("Export failed: " + e.getMessage(), e);
        }
    }

    /** As the interface says, copying the stored files without a pass through the JVM's heap. */
    @Override
    public List<Path> export(String fingerprint, String target, Progress progress) {
        List<Path> files = files(fingerprint);
        return new ImageExport(files.get(0), files.size() > 1 ? files.get(1) : null, fingerprint)
                .writeTo(target, progress);
    }

    @Override
    public List<AliasEntry> aliases(List<String> filters) {
        return aliases.list(filters);
    }

    /** The alias with exactly this name, if there is one. */
    public Optional<AliasEntry> alias(String name) {
        return aliases.get(name);
    }

    @Override
    public void createAlias(String name, String target, String description) {
        aliases.create(name, target, description);
    }

    /**
     * Points {@code name} at the image with fingerprint (or unique prefix) {@code target} with {@code description},
     * as LXD's alias PUT does; {@code etag} (null: no check) must still be the alias's
     * ({@link ImageETag#of(AliasEntry)}).
     */
    public void updateAlias(String name, String target, String description, String etag) {
        aliases.update(name, target, description, etag);
    }

    @Override
    public void renameAlias(String name, String newName) {
        aliases.rename(name, newName);
    }

    @Override
    public void deleteAlias(String name) {
        aliases.delete(name);
    }

    static Image toImage(ImageRecord r) {
        UpdateSourceRecord s = r.updateSource();
        return new Image(r.autoUpdate(), r.properties(), r.isPublic(), r.expiresAt(), r.profiles(),
                r.aliases().stream().map(a -> new ImageAlias(a.name(), a.description())).toList(), r.architecture(),
                r.cached(), r.filename(), r.fingerprint(), r.size(),
                s == null ? null
                        : new UpdateSource(s.alias(), s.certificate(), s.protocol(), s.server(), s.imageType()),
                r.type(), r.createdAt(), r.lastUsedAt() == null ? ApiTime.NEVER : r.lastUsedAt(), r.uploadedAt());
    }
}
