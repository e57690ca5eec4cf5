package io.imgsh.engine.remote;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.PullSettings;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.image.UpdateSource;
import io.imgsh.engine.remote.direct.DirectImporter;
import io.imgsh.engine.remote.lxd.LxdImages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Moves images between places: {@code image copy} (into the store, into an lxd server, or from one server to another
 * through this client) and {@code image refresh} (from the recorded source, or asked of an lxd server).
 */
public final class CopyService {
    private final RemoteService remotes;
    private final StoreImages store;

    public CopyService(RemoteService remotes, StoreImages store) {
        this.remotes = remotes;
        this.store = store;
    }

    /** The outcome of a copy: the fingerprint, whether files were transferred, and how many bytes arrived. */
    public record CopyResult(String fingerprint, boolean downloaded, long bytesTransferred) {
    }

    /** {@code image copy [remote:]image target:}, with the remotes' names resolved as the engine knows them. */
    public CopyResult copy(ImageRef source, String target, CopyRequest request, Progress progress) {
        return copy(places(source.remote()), source.name(), places(target), request, progress);
    }

    /**
     * Copies the image {@code reference} names in {@code from} to {@code to}: into the store it is downloaded
     * (resuming broken transfers) and verified; into an lxd server it is uploaded from the store, or downloaded into
     * the store first and removed again (as {@code lxc}'s relay mode does) when it comes from another server. An
     * image already at the target only gains the aliases (and, in the store, is no longer cached).
     */
    public CopyResult copy(Images from, String reference, Images to, CopyRequest request, Progress progress) {
        if (to == store) {
            if (from == store) {
                throw new EngineException("The image is already in the local store; use 'image alias create' to add"
                        + " an alias");
            }
            return pull(from, reference, request, progress);
        }
        if (!(to instanceof LxdImages lxd)) {
            throw new InvalidInputException(to.readOnlyBecause().orElse("Cannot copy to " + to.remote()));
        }
        if (from == store) {
            return push(store.resolve(reference), lxd, request, progress);
        }
        return relay(from, reference, lxd, request, progress);
    }

    private Images places(String remote) {
        return remote.equals(ImageRef.LOCAL) ? store : remotes.images(remote);
    }

    /**
     * Into the store: resolves the name on the server, streams its files in, verifies every hash and the
     * fingerprint, then inserts the image and its aliases in one transaction. Copied by alias, the image records
     * where it came from, so that it can be refreshed.
     */
    private CopyResult pull(Images from, String reference, CopyRequest request, Progress progress) {
        Image image = from.resolve(reference);
        boolean byAlias = !image.fingerprint().startsWith(reference);
        UpdateSource updateSource = byAlias ? from.updateSource(reference, image) : null;
        long transferred = store.pull(from, image, new PullSettings(request.isPublic(), request.autoUpdate(), false,
                null, updateSource), aliases(image, request), progress);
        return new CopyResult(image.fingerprint(), transferred > 0, transferred);
    }

    /** Uploads a stored image as {@code lxc} does unless the server has it already, then points the aliases there. */
    private CopyResult push(Image image, LxdImages target, CopyRequest request, Progress progress) {
        Set<String> aliases = aliases(image, request);
        store.checkAliasNames(aliases);
        String fingerprint = image.fingerprint();
        boolean present;
        try {
            target.byFingerprint(fingerprint);
            present = true;
        } catch (NotFoundException e) {
            present = false;
        }
        if (!present) {
            String got = target.upload(store.files(fingerprint), fingerprint, image.filename(), request.isPublic(),
                    image.properties(), progress);
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
        }
        target.pointAliases(aliases, fingerprint);
        return new CopyResult(fingerprint, !present, present ? 0 : image.size());
    }

    /** From a server to an lxd server: into the store, up from there, and out of the store unless it was there. */
    private CopyResult relay(Images from, String reference, LxdImages target, CopyRequest request,
                             Progress progress) {
        Image image = from.resolve(reference);
        String fp = image.fingerprint();
        boolean hadIt = store.exists(fp);
        if (!hadIt) {
            store.pull(from, image, new PullSettings(false, false, false, null, null), List.of(), progress);
        }
        try {
            return push(store.get(fp), target, new CopyRequest(new ArrayList<>(aliases(image, request)), false, false,
                    request.isPublic()), progress);
        } finally {
            if (!hadIt) {
                store.delete(fp);
            }
        }
    }

    private static Set<String> aliases(Image image, CopyRequest request) {
        Set<String> aliases = new LinkedHashSet<>(request.aliases());
        if (request.copyAliases()) {
            image.aliases().stream().map(ImageAlias::name).forEach(aliases::add);
        }
        return aliases;
    }

    /** The result of a refresh: the fingerprint now in use and whether it changed. */
    public record RefreshResult(String oldFingerprint, String fingerprint, boolean refreshed) {
    }

    /**
     * {@code image refresh [remote:]image}: a stored image re-resolves its recorded source alias, and a new
     * fingerprint is downloaded, takes over the aliases, {@code cached} and {@code last_used_at}, and the old image
     * goes; an lxd server is asked to refresh its image itself, as {@code lxc} asks it.
     */
    public RefreshResult refresh(ImageRef image, Progress progress) {
        return refresh(places(image.remote()), image.name(), progress);
    }

    /** As {@link #refresh(ImageRef, Progress)}, of the image {@code reference} names in {@code place}. */
    public RefreshResult refresh(Images place, String reference, Progress progress) {
        if (place == store) {
            return refresh(store.resolve(reference).fingerprint(), progress, new HashMap<>());
        }
        if (!(place instanceof LxdImages lxd)) {
            throw new InvalidInputException(place.readOnlyBecause().orElse("Cannot refresh on " + place.remote()));
        }
        String fingerprint = lxd.resolve(reference).fingerprint();
        return new RefreshResult(fingerprint, fingerprint, lxd.refresh(fingerprint));
    }

    /**
     * Refreshes each stored image in turn; one that fails goes to {@code failed} and the others go on. Each source
     * server is read once for all of them (one simplestreams catalog, not one per image).
     */
    public List<RefreshResult> refreshAll(List<String> fingerprints, BiConsumer<String, EngineException> failed) {
        Map<String, Images> servers = new HashMap<>();
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

    private RefreshResult refresh(String fingerprint, Progress progress, Map<String, Images> servers) {
        Image old = store.get(fingerprint);
        UpdateSource src = old.updateSource();
        if (src == null) {
            throw new InvalidInputException("Failed to update image \"" + fingerprint
                    + "\" in project \"default\": Image source not found");
        }
        if (src.protocol().equals(DirectImporter.PROTOCOL)) {
            // as LXD: an image imported from a URL is not kept up to date (the URL names one file, not an alias)
            throw new InvalidInputException("Image \"" + fingerprint.substring(0, 12) + "\" was imported from a URL"
                    + " (" + src.server() + "); only images copied by alias can be refreshed");
        }
        Images server = servers.computeIfAbsent(src.server() + "\n" + src.protocol() + "\n" + src.certificate(),
                key -> remotes.imagesAt(src.server(), src.protocol(), src.certificate()));
        Image latest = server.resolve(src.alias());
        if (latest.fingerprint().equals(old.fingerprint())) {
            return new RefreshResult(old.fingerprint(), latest.fingerprint(), false);
        }
        store.replace(old, server, latest, progress);
        return new RefreshResult(old.fingerprint(), latest.fingerprint(), true);
    }
}
