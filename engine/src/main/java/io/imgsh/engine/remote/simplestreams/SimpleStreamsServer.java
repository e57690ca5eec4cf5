package io.imgsh.engine.remote.simplestreams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.CountingStream;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.Http;
import io.imgsh.engine.remote.ImageServer;
import io.imgsh.engine.remote.Remote;
import io.imgsh.engine.remote.RemoteFile;
import io.imgsh.engine.remote.RemoteImage;
import io.imgsh.engine.remote.TransferLimits;
import io.imgsh.store.Ingest;
import io.imgsh.store.StoreWriteException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A simplestreams server: {@code streams/v1/index.json}, then each products file it lists for
 * {@code image-downloads}. Both are fetched once per instance.
 */
public final class SimpleStreamsServer implements ImageServer {
    private static final long MAX_INDEX_BYTES = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Remote remote;
    private final StreamBase base;
    private final Http http;
    private final String nativeArchitecture;
    private Products.Catalog catalog;

    public SimpleStreamsServer(Remote remote, Http http, String nativeArchitecture) {
        this.remote = remote;
        this.base = new StreamBase(remote.url());
        this.http = http;
        this.nativeArchitecture = nativeArchitecture;
    }

    @Override
    public Remote remote() {
        return remote;
    }

    private synchronized Products.Catalog catalog() {
        if (catalog == null) {
            JsonNode index = json(base.url().resolve("streams/v1/index.json"));
            Set<URI> urls = new LinkedHashSet<>();
            index.path("index").fields().forEachRemaining(e -> {
                JsonNode entry = e.getValue();
                if ("image-downloads".equals(entry.path("datatype").asText())
                        && entry.path("products").isArray() && entry.path("products").size() > 0
                        && !entry.path("path").asText().isEmpty()) {
                    urls.add(base.resolve(entry.path("path").asText(), "simplestreams index entry " + e.getKey()));
                }
            });
            List<JsonNode> products = new ArrayList<>();
            for (URI url : urls) {
                products.add(json(url));
            }
            catalog = Products.toImages(products, nativeArchitecture,
                    remote.url().startsWith("https://cloud-images.ubuntu.com"));
        }
        return catalog;
    }

    private JsonNode json(URI url) {
        byte[] bytes = http.getBytes(url, MAX_INDEX_BYTES);
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new EngineException("Invalid simplestreams file " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<RemoteImage> images() {
        return catalog().images();
    }

    @Override
    public RemoteImage resolve(String name) {
        Products.Catalog c = catalog();
        List<AliasEntry> matches = c.aliases().stream().filter(a -> a.name().equals(name)).toList();
        if (!matches.isEmpty()) {
            AliasEntry chosen = matches.stream().filter(a -> a.type().equals("container")).findFirst()
                    .orElse(matches.get(0));
            return c.byFingerprint().get(chosen.target());
        }
        return byFingerprint(name);
    }

    @Override
    public RemoteImage byFingerprint(String prefix) {
        Map<String, RemoteImage> found = new LinkedHashMap<>();
        if (!prefix.isEmpty()) {
            catalog().byFingerprint().forEach((fp, image) -> {
                if (fp.startsWith(prefix)) {
                    found.put(fp, image);
                }
            });
        }
        if (found.isEmpty()) {
            throw new NotFoundException("Image not found");
        }
        if (found.size() > 1) {
            throw new EngineException("More than one match for the provided partial fingerprint \"" + prefix + "\"");
        }
        return found.values().iterator().next();
    }

    @Override
    public List<AliasEntry> aliases() {
        return catalog().aliases();
    }

    /**
     * Downloads the image's files (metadata, then rootfs) into the ingest's parts, each capped at its published size
     * and checked against its SHA-256; the progress names those two stages of a split image, and none for a unified
     * one. Before anything is requested, each file must have a size and a SHA-256 (LXD refuses a file without) and
     * a path below the server's base URL.
     */
    @Override
    public long fetchInto(RemoteImage image, Ingest ingest, Progress progress) {
        List<RemoteFile> files = image.files();
        List<URI> urls = new ArrayList<>();
        for (RemoteFile file : files) {
            String what = "simplestreams item " + file.item();
            if (file.size() < 0 || file.sha256().isEmpty()) {
                throw new EngineException("Refused " + what + ": it publishes no "
                        + (file.size() < 0 ? "size" : "sha256"));
            }
            urls.add(base.resolve(file.path(), what));
        }
        for (int i = 0; i < files.size(); i++) {
            if (i > 0) {
                ingest.nextPart();
            }
            fetch(urls.get(i), files.get(i), ingest, files.size() == 1 ? null : i == 0 ? "metadata" : "rootfs",
                    progress);
        }
        return ingest.size();
    }

    /**
     * Streams {@code file}, found at {@code url}, into the ingest's current part (which must be empty), resuming a
     * broken connection.
     */
    private void fetch(URI url, RemoteFile file, Ingest ingest, String stage, Progress progress) {
        TransferLimits limits = http.limits();
        HttpResponse<InputStream> response = http.send(Http.request(url).GET().build());
        try (InputStream body = http.resumable(url, response)) {
            if (response.statusCode() != 200) {
                throw new EngineException("Failed to fetch " + url + ": HTTP " + response.statusCode());
            }
            ingest.drain(new CountingStream(limits.bounded(body, url, file.size(), 0), 0, file.size(), stage,
                    progress));
            if (ingest.partSize() != file.size()) {
                throw new EngineException("Download of " + url + " is " + ingest.partSize() + " bytes, expected "
                        + file.size());
            }
            String got = ingest.partSha256();
            if (!got.equals(file.sha256())) {
                throw new EngineException("Hash mismatch for " + url + ": expected " + file.sha256() + ", got " + got);
            }
        } catch (StoreWriteException e) {
            throw new EngineException(e.getMessage(), e);
        } catch (IOException e) {
            throw Http.failure(url, e);
        }
    }
}
