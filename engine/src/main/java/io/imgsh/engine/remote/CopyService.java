package io.imgsh.engine.remote;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Copies remote images into the store and refreshes images from their recorded source. */
public final class CopyService {
    private final Store store;
    private final Clock clock;
    private final RemoteService remotes;
    private final Events events;

    public CopyService(Store store, Clock clock, RemoteService remotes) {
        this.store = store;
        this.clock = clock;
        this.remotes = remotes;
        this.events = new Events(clock);
    }

    /** The outcome of a copy: the fingerprint, whether files were transferred, and how many bytes arrived. */
    public record CopyResult(String fingerprint, boolean downloaded, long bytesTransferred) {
    }

    /**
     * {@code image copy remote:name local:}: resolves {@code name} on the server, streams its files into the store
     * (resuming broken transfers), verifies every hash and the fingerprint, then inserts the image and its aliases
     * in one transaction. An image already stored only gains the aliases.
     */
    public CopyResult copy(ImageServer server, String name, CopyRequest request, TransferProgress progress) {
        RemoteImage source = server.resolve(name);
        boolean byAlias = !source.fingerprint().startsWith(name);
        Set<String> aliases = new LinkedHashSet<>(request.aliases());
        if (request.copyAliases()) {
            source.image().aliases().stream().map(ImageAlias::name).forEach(aliases::add);
        }
        aliases.forEach(CopyService::checkAliasName);
        String fp = source.fingerprint();
        if (store.read(tx -> tx.images().exists(fp))) {
            store.write(tx -> {
                pointAliases(tx, aliases, fp);
                return null;
            });
            return new CopyResult(fp, false, 0);
        }
        Remote remote = server.remote();
        UpdateSourceRecord updateSource = byAlias ? new UpdateSourceRecord(remote.url(), remote.protocol(),
                remote.certificate(), name, remote.protocol().equals(Remote.LXD) ? "" : source.image().type()) : null;
        long transferred = download(server, source, request.isPublic(), request.autoUpdate(), false, null,
                updateSource, progress, tx -> pointAliases(tx, aliases, fp));
        return new CopyResult(fp, true, transferred);
    }

    /** Work done inside the transaction that inserts the downloaded image. */
    @FunctionalInterface
    interface InTx {
        void run(Tx tx) throws SQLException;
    }

    private long download(ImageServer server, RemoteImage source, boolean isPublic, boolean autoUpdate,
                          boolean cached, Instant lastUsedAt, UpdateSourceRecord updateSource,
                          TransferProgress progress, InTx also) {
        Downloader downloader = new Downloader(remotes.http(server.remote()), progress);
        Image image = source.image();
        try (Ingest ingest = store.ingest()) {
            List<RemoteFile> files = source.files();
            for (int i = 0; i < files.size(); i++) {
                if (i > 0) {
                    ingest.nextPart();
                }
                downloader.fetch(files.get(i), ingest, i == 0 && files.size() > 1 ? "metadata" : "rootfs");
            }
            String got = ingest.finish();
            if (!got.equals(source.fingerprint())) {
                throw new EngineException("Image fingerprint mismatch: the server announced " + source.fingerprint()
                        + " but the files hash to " + got);
            }
            ImageRecord record = new ImageRecord(got, image.filename(), ingest.size(), ingest.split(), image.type(),
                    image.architecture(), isPublic, autoUpdate, cached, image.createdAt(), image.expiresAt(),
                    clock.instant(), lastUsedAt, image.properties(), List.of("default"), List.of(), updateSource);
            store.write(tx -> {
                if (tx.images().exists(got)) {
                    throw new ConflictException("Image with same fingerprint already exists");
                }
                store.publish(tx, ingest);
                tx.images().insert(record);
                events.image(tx, "image-created", got, Map.of("type", record.type()));
                also.run(tx);
                return null;
            });
            return downloader.transferred();
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
    public RefreshResult refresh(String fingerprint, TransferProgress progress) {
        ImageRecord old = store.read(tx -> tx.images().get(fingerprint))
                .orElseThrow(() -> new NotFoundException("Image not found"));
        UpdateSourceRecord src = old.updateSource();
        if (src == null) {
            throw new InvalidInputException("Failed to update image \"" + fingerprint
                    + "\" in project \"default\": Image source not found");
        }
        ImageServer server = remotes.serverFor(src.server(), src.protocol(), src.certificate());
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
            for (AliasRecord a : current.aliases()) {
                tx.aliases().delete(a.name());
                tx.aliases().create(a.name(), fp, a.description());
                events.alias(tx, "image-alias-updated", a.name(), Map.of("target", fp));
            }
            tx.images().delete(old.fingerprint());
            events.image(tx, "image-deleted", old.fingerprint(), Map.of());
            store.deleteFilesAfterCommit(tx, old.fingerprint());
            events.image(tx, "image-refreshed", fp, Map.of("old_fingerprint", old.fingerprint()));
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

    private void pointAliases(Tx tx, Set<String> names, String fingerprint) throws SQLException {
        for (String name : names) {
            Optional<AliasRecord> existing = tx.aliases().get(name);
            if (existing.isPresent()) {
                if (existing.get().target().equals(fingerprint)) {
                    continue;
                }
                tx.aliases().delete(name);
                tx.aliases().create(name, fingerprint, existing.get().description());
                events.alias(tx, "image-alias-updated", name, Map.of("target", fingerprint));
            } else {
                tx.aliases().create(name, fingerprint, "");
                events.alias(tx, "image-alias-created", name, Map.of("target", fingerprint));
            }
        }
    }

    private static void checkAliasName(String name) {
        if (name.isEmpty() || name.contains(":")
                || name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidInputException("Invalid alias name \"" + name + "\"");
        }
    }

    static List<String> names(List<ImageAlias> aliases) {
        List<String> out = new ArrayList<>();
        aliases.forEach(a -> out.add(a.name()));
        return out;
    }
}
