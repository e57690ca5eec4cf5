package io.imgsh.engine.remote.simplestreams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.CountingStream;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFilter;
import io.imgsh.engine.image.ImagePart;
import io.imgsh.engine.image.ImagePut;
import io.imgsh.engine.image.ImageSink;
import io.imgsh.engine.image.ImageSnapshot;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.UpdateSource;
import io.imgsh.engine.image.WrongBytesException;
import io.imgsh.engine.remote.Http;
import io.imgsh.engine.remote.JsonBudget;
import io.imgsh.engine.remote.Remote;
import io.imgsh.engine.remote.TransferLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A simplestreams server: {@code streams/v1/index.json}, then each products file it lists for
 * {@code image-downloads}. Both are fetched once per instance.
 */
public final class SimpleStreamsImages implements Images {
    /**
     * What reading a catalog may take (all its trees are held at once): how many products files its index may list,
     * and the bytes and JSON tokens of its index and products files together.
     */
    record Limits(int productsFiles, long bytes, long tokens) {
        /**
         * A real index lists one or two products files; 64 MiB is what one file could take before; a real catalog
         * takes ~20 bytes a token, so 64 MiB of it would be ~3.3 Mi tokens.
         */
        static final Limits DEFAULT = new Limits(64, 64L << 20, 8L << 20);
    }

    private final Remote remote;
    private final StreamBase base;
    private final Http http;
    private final String nativeArchitecture;
    private final Limits limits;
    private Products.Catalog catalog;

    public SimpleStreamsImages(Remote remote, Http http, String nativeArchitecture) {
        this(remote, http, nativeArchitecture, Limits.DEFAULT);
    }

    SimpleStreamsImages(Remote remote, Http http, String nativeArchitecture, Limits limits) {
        this.remote = remote;
        this.base = new StreamBase(remote.url());
        this.http = http;
        this.nativeArchitecture = nativeArchitecture;
        this.limits = limits;
    }

    /** Fetches the catalog once, within its {@link Limits}. */
    private synchronized Products.Catalog catalog() {
        if (catalog == null) {
            JsonBudget budget = new JsonBudget("the simplestreams catalog of " + base.url()
                    + " (index and products files together)", limits.bytes(), limits.tokens());
            JsonNode index = json(base.url().resolve("streams/v1/index.json"), budget);
            Set<URI> urls = new LinkedHashSet<>();
            index.path("index").fields().forEachRemaining(e -> {
                JsonNode entry = e.getValue();
                if ("image-downloads".equals(entry.path("datatype").asText())
                        && entry.path("products").isArray() && entry.path("products").size() > 0
                        && !entry.path("path").asText().isEmpty()) {
                    urls.add(base.resolve(entry.path("path").asText(), "simplestreams index entry " + e.getKey()));
                }
            });
            if (urls.size() > limits.productsFiles()) {
                throw new EngineException("Refused the simplestreams catalog of " + base.url() + ": its index lists "
                        + urls.size() + " products files, more than " + limits.productsFiles());
            }
            List<JsonNode> products = new ArrayList<>();
            for (URI url : urls) {
                products.add(json(url, budget));
            }
            catalog = Products.toImages(products, nativeArchitecture,
                    remote.url().startsWith("https://cloud-images.ubuntu.com"));
        }
        return catalog;
    }

    private JsonNode json(URI url, JsonBudget budget) {
        byte[] bytes = http.get(url, budget::read);
        try {
            return budget.parse(bytes);
        } catch (IOException e) {
            throw new EngineException("Invalid simplestreams file " + url + ": "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    @Override
    public String remote() {
        return remote.name();
    }

    @Override
    public UpdateSource updateSource(String alias, Image image) {
        return new UpdateSource(alias, remote.certificate(), Remote.SIMPLESTREAMS, remote.url(), image.type());
    }

    @Override
    public Optional<String> readOnlyBecause() {
        return Optional.of(readOnly());
    }

    private String readOnly() {
        return "The remote \"" + remote.name() + "\" is a simplestreams server, which is read-only";
    }

    /** Every filter applied as {@code lxc} applies it alone: a simplestreams server filters nothing. */
    @Override
    public List<Image> list(List<String> filters) {
        ImageFilter filter = ImageFilter.clientSide(filters);
        return catalog().images().stream().map(StreamImage::image).filter(filter::matches).toList();
    }

    @Override
    public Image resolve(String reference) {
        Products.Catalog c = catalog();
        List<AliasEntry> matches = c.aliases().stream().filter(a -> a.name().equals(reference)).toList();
        if (!matches.isEmpty()) {
            AliasEntry chosen = matches.stream().filter(a -> a.type().equals("container")).findFirst()
                    .orElse(matches.get(0));
            return c.byFingerprint().get(chosen.target()).image();
        }
        return byFingerprint(reference);
    }

    @Override
    public Image byFingerprint(String prefix) {
        return find(prefix).image();
    }

    private StreamImage find(String prefix) {
        Map<String, StreamImage> found = new LinkedHashMap<>();
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

    /** A simplestreams image has no ETag: its catalog entry is all there is. */
    @Override
    public ImageSnapshot snapshot(String fingerprint) {
        return new ImageSnapshot(byFingerprint(fingerprint), "");
    }

    @Override
    public List<AliasEntry> aliases(List<String> filters) {
        return catalog().aliases().stream().filter(a -> a.matches(filters)).toList();
    }

    /**
     * Downloads the image's files (metadata, then rootfs) into {@code sink}, each capped at its published size and
     * checked against its SHA-256; of a file the sink holds the start of, only the rest is asked for (a range
     * request). Before anything is requested, each file must have a size and a SHA-256 (LXD refuses a file without)
     * and a path below the server's base URL. Returns the bytes that came from the server.
     */
    @Override
    public long export(Image image, ImageSink sink, Progress progress) {
        List<StreamFile> files = find(image.fingerprint()).files();
        List<URI> urls = new ArrayList<>();
        long total = 0;
        for (StreamFile file : files) {
            String what = "simplestreams item " + file.item();
            if (file.size() < 0 || file.sha256().isEmpty()) {
                throw new EngineException("Refused " + what + ": it publishes no "
                        + (file.size() < 0 ? "size" : "sha256"));
            }
            urls.add(base.resolve(file.path(), what));
            total += file.size();
        }
        long done = 0;
        long transferred = 0;
        for (int i = 0; i < files.size(); i++) {
            transferred += fetch(urls.get(i), files.get(i), ImagePart.of(i, files.size()), sink, done, total,
                    progress);
            done += files.get(i).size();
        }
        return transferred;
    }

    @Override
    public void update(String fingerprint, ImagePut put, String etag) {
        throw new EngineException(readOnly());
    }

    @Override
    public void delete(String fingerprint) {
        throw new EngineException(readOnly());
    }

    @Override
    public void createAlias(String name, String target, String description) {
        throw new EngineException(readOnly());
    }

    @Override
    public void renameAlias(String name, String newName) {
        throw new EngineException(readOnly());
    }

    @Override
    public void deleteAlias(String name) {
        throw new EngineException(readOnly());
    }

    /**
     * Streams {@code file}, found at {@code url}, into {@code sink} as {@code part}, from what the sink holds of it
     * (nothing when that is more than the file) and resuming a broken connection; returns the bytes sent.
     */
    private long fetch(URI url, StreamFile file, ImagePart part, ImageSink sink, long done, long total,
                       Progress progress) {
        TransferLimits limits = http.limits();
        long held = sink.held(part);
        long from = held <= file.size() ? held : 0;
        boolean complete = from == file.size(); // the sink has it all: nothing to ask for
        Http.Ranged answer = complete ? null : http.getFrom(url, from, file.size());
        long start = complete ? from : answer.start();
        try (InputStream body = complete ? InputStream.nullInputStream() : http.resumable(url, answer)) {
            int status = complete ? 0 : answer.response().statusCode();
            if (!complete && status != (start > 0 ? 206 : 200)) {
                throw new EngineException("Failed to fetch " + url + ": HTTP " + status);
            }
            CountingStream counted = new CountingStream(limits.bounded(body, url, file.size() - start, 0),
                    done + start, total, part.stage(), progress);
            String got = sink.accept(part, start, counted);
            long size = counted.count() - done;
            if (size < file.size() && answer.length() < 0) {
                // a body of no announced length that ended early broke off: what arrived is worth continuing (with
                // a length, it would have been resumed up to it)
                throw new EngineException("Download of " + url + " broke off after " + size + " of " + file.size()
                        + " bytes");
            }
            if (size != file.size()) {
                throw new WrongBytesException("Download of " + url + " is " + size + " bytes, expected "
                        + file.size());
            }
            if (!got.equals(file.sha256())) {
                throw new WrongBytesException("Hash mismatch for " + url + ": expected " + file.sha256() + ", got "
                        + got);
            }
            return size - start;
        } catch (IOException e) {
            throw Http.failure(url, e);
        }
    }
}
