package io.imgsh.engine.remote;

import io.imgsh.engine.event.Lifecycle;
import io.imgsh.engine.image.AliasService;
import io.imgsh.engine.image.ImageService;
import io.imgsh.engine.remote.direct.DirectImporter;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import io.imgsh.engine.image.Progress;
import io.imgsh.store.AliasRecord;
import io.imgsh.store.ImageRecord;
import io.imgsh.store.Ingest;
import io.imgsh.store.Store;
import io.imgsh.store.Tx;
import io.imgsh.store.UpdateSourceRecord;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Copies remote images into the store and refreshes images from their recorded source. */
public final class CopyService {
    private final Store store;
    private final Clock clock;
    private final RemoteService remotes;
    private final Lifecycle events;
    private final ImageService images;
    private final AliasService aliasService;

    public CopyService(Store store, Clock clock, RemoteService remotes, ImageService images,
                       AliasService aliasService) {
        this.store = store;
        this.clock = clock;
        this.remotes = remotes;
        this.events = new Lifecycle(clock);
        this.images = images;
        this.aliasService = aliasService;
    }

    /** The outcome of a copy: the fingerprint, whether files were transferred, and how many bytes arrived. */
    public record CopyResult(String fingerprint, boolean downloaded, long bytesTransferred) {
    }

    /**
     * {@code image copy remote:name local:}: resolves {@code name} on the server, streams its files into the store
     * (resuming broken transfers), verifies every hash and the fingerprint, then inserts the image and its aliases
     * in one transaction. An image already stored only gains the aliases.
     */
    public CopyResult copy(ImageServer server, String name, CopyRequest request, Progress progress) {
        RemoteImage source = server.resolve(name);
        boolean byAlias = !source.fingerprint().startsWith(name);
        Set<String> aliases = new LinkedHashSet<>(request.aliases());
        if (request.copyAliases()) {
            source.image().aliases().stream().map(ImageAlias::name).forEach(aliases::add);
        }
        images.checkAliasNames(List.copyOf(aliases));
        String fp = source.fingerprint();
        if (store.read(tx -> tx.images().exists(fp))) {
            store.write(tx -> {
                aliasService.pointAt(tx, aliases, fp);
                return null;
            });
            return new CopyResult(fp, false, 0);
        }
        Remote remote = server.remote();
        UpdateSourceRecord updateSource = byAlias ? new UpdateSourceRecord(remote.url(), remote.protocol(),
                remote.certificate(), name, remote.protocol().equals(Remote.LXD) ? "" : source.image().type()) : null;
        long transferred = download(server, source, request.isPublic(), request.autoUpdate(), false, null,
                updateSource, progress, tx -> aliasService.pointAt(tx, aliases, fp));
        return new CopyResult(fp, true, transferred);
    }

    /**
     * {@code image copy local:IMAGE lxdremote:}: uploads the stored files as {@code lxc} does (raw for unified,
     * multipart for split) unless the server has the image already, then points the aliases at it there.
     */
    public CopyResult push(String fingerprint, io.imgsh.engine.remote.lxd.LxdServer target, CopyRequest request,
                           Progress progress) {
        ImageRecord image = store.read(tx -> tx.images().get(fingerprint))
                .orElseThrow(() -> new NotFoundException("Image not found"));
        Set<String> aliases = new LinkedHashSet<>(request.aliases());
        if (request.copyAliases()) {
            image.aliases().forEach(a -> aliases.add(a.name()));
        }
        images.checkAliasNames(List.copyOf(aliases));
        boolean present;
        try {
            target.byFingerprint(fingerprint);
            present = true;
        } catch (NotFoundException e) {
            present = false;
        }
        long sent = 0;
        if (!present) {
            String got = target.upload(store.file(fingerprint), image.split() ? store.rootfsFile(fingerprint) : null,
                    fingerprint, image.filename(), request.isPublic(), image.properties(), progress);
            if (!got.equals(fingerprint)) {
                // a server that does not check X-LXD-fingerprint (LXD does, and refuses) made an image of the bytes it
                // received, not the one asked for; as LXD refuses an image it already has, this upload made it
                String removal = "";
                try {
                    target.delete(got);
                } catch (EngineException e) {
                    removal = "; removing it there failed: " + e.getMessage();
                }
                throw new EngineException("Image fingerprint mismatch: uploaded " + fingerprint + " but the server"
                        + " stored " + got + removal);
            }
            sent = image.size();
        }
        target.pointAliases(new ArrayList<>(aliases), fingerprint);
        return new CopyResult(fingerprint, !present, sent);
    }

    /**
     * {@code image copy remote:IMAGE lxdremote: --mode relay} (and any remote → lxd remote copy): downloads into
     * the local store, uploads from there, and removes the local copy again unless it was there before.
     */
    public CopyResult relay(ImageServer source, String name, io.imgsh.engine.remote.lxd.LxdServer target,
                            CopyRequest request, Progress progress) {
        RemoteImage image = source.resolve(name);
        String fp = image.fingerprint();
        boolean hadIt = store.read(tx -> tx.images().exists(fp));
        Set<String> aliases = new LinkedHashSet<>(request.aliases());
        if (request.copyAliases()) {
            image.image().aliases().forEach(a -> aliases.add(a.name()));
        }
        if (!hadIt) {
            download(source, image, false, false, false, null, null, progress, tx -> { });
        }
        try {
            return push(fp, target, new CopyRequest(new ArrayList<>(aliases), false, false, request.isPublic()),
                    progress);
        } finally {
            if (!hadIt) {
                images.delete(fp);
            }
        }
    }

    /** Work done inside the transaction that inserts the downloaded image. */
    @FunctionalInterface
    interface InTx {
        void run(Tx tx) throws SQLException;
    }

    private long download(ImageServer server, RemoteImage source, boolean isPublic, boolean autoUpdate,
                          boolean cached, Instant lastUsedAt, UpdateSourceRecord updateSource,
                          Progress progress, InTx also) {
        Image image = source.image();
        try (Ingest ingest = images.ingest()) {
            long transferred = server.fetchInto(source, ingest, progress);
            String got = ingest.finish();
            if (!got.equals(source.fingerprint())) {
                throw new EngineException("Image fingerprint mismatch: the server announced " + source.fingerprint()
                        + " but the files hash to " + got);
            }
            ImageRecord record = new ImageRecord(got, image.filename(), ingest.size(), ingest.split(), image.type(),
                    image.architecture(), isPublic, autoUpdate, cached, image.createdAt(), image.expiresAt(),
                    clock.instant(), lastUsedAt, image.properties(), List.of("default"), List.of(), updateSource);
            images.publish(ingest, record, tx -> {
                also.run(tx);
                return null;
            });
            return transferred;
        } catch (IOException e) {
            throw new EngineException("Copy failed: " + e.getMessage(), e);
        }
    }

    /** The result of a refresh: the fingerprint now in use and whether it changed. */
    public record RefreshResult(String oldFingerprint, String fingerprint, boolean refreshed) {
    }

    /**
     * Re-resolves the image's recorded source alias; a new fingerprint is downloaded, the aliases move to it,
     * {@code cached} and {@code last_used_at} carry over, and the old image goes.
     */
    public RefreshResult refresh(String fingerprint, Progress progress) {
        return refresh(fingerprint, progress, new HashMap<>());
    }

    /**
     * Refreshes each image in turn; one that fails goes to {@code failed} and the others go on. Each source server is
     * read once for all of them (one simplestreams catalog, not one per image).
     */
    public List<RefreshResult> refreshAll(List<String> fingerprints, BiConsumer<String, EngineException> failed) {
        Map<String, ImageServer> servers = new HashMap<>();
        List<RefreshResult> results = new ArrayList<>();
        for (String fingerprint : fingerprints) {
            try {
                results.add(refresh(fingerprint, Progress.NONE, servers));
            } catch (EngineException e) {
                failed.accept(fingerprint, e);
            }
        }
        return results;
    }

    private RefreshResult refresh(String fingerprint, Progress progress, Map<String, ImageServer> servers) {
        ImageRecord old = store.read(tx -> tx.images().get(fingerprint))
                .orElseThrow(() -> new NotFoundException("Image not found"));
        UpdateSourceRecord src = old.updateSource();
        if (src == null) {
            throw new InvalidInputException("Failed to update image \"" + fingerprint
                    + "\" in project \"default\": Image source not found");
        }
        if (src.protocol().equals(DirectImporter.PROTOCOL)) {
            // as LXD: an image imported from a URL is not kept up to date (the URL names one file, not an alias)
            throw new InvalidInputException("Image \"" + fingerprint.substring(0, 12) + "\" was imported from a URL"
                    + " (" + src.server() + "); only images copied by alias can be refreshed");
        }
        ImageServer server = servers.computeIfAbsent(src.server() + "\n" + src.protocol() + "\n" + src.certificate(),
                key -> remotes.serverFor(src.server(), src.protocol(), src.certificate()));
        RemoteImage latest = server.resolve(src.alias());
        String fp = latest.fingerprint();
        if (fp.equals(old.fingerprint())) {
            return new RefreshResult(old.fingerprint(), fp, false);
        }
        InTx swap = tx -> {
            ImageRecord current = tx.images().get(old.fingerprint()).orElse(null);
            if (current == null) {
                return;
            }
            aliasService.pointAt(tx, names(current.aliases()), fp);
            images.delete(tx, tx.images().get(old.fingerprint()).orElseThrow());
            events.imageRefreshed(tx, fp, old.fingerprint());
        };
        if (store.read(tx -> tx.images().exists(fp))) {
            store.write(tx -> {
                swap.run(tx);
                return null;
            });
        } else {
            download(server, latest, old.isPublic(), old.autoUpdate(), old.cached(), old.lastUsedAt(), src,
                    progress, swap);
        }
        return new RefreshResult(old.fingerprint(), fp, true);
    }

    private static List<String> names(List<AliasRecord> aliases) {
        return aliases.stream().map(AliasRecord::name).toList();
    }
}
