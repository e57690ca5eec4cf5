package io.imgsh.engine.image;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.event.Lifecycle;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.DirectoryTarball;
import io.imgsh.engine.format.MetadataReader;
import io.imgsh.engine.format.ScannedImage;
import io.imgsh.engine.json.ApiTime;
import io.imgsh.store.AliasRecord;
import io.imgsh.store.ImageRecord;
import io.imgsh.store.Ingest;
import io.imgsh.store.Store;
import io.imgsh.store.TxWork;
import io.imgsh.store.Tx;
import io.imgsh.store.UpdateSourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Images in the local store: import, look-up, listing, edits and deletion. */
public final class ImageService {
    private static final Set<String> PROFILES = Set.of("default");

    private final Store store;
    private final Clock clock;
    private final Lifecycle lifecycle;
    private final AliasService aliasService;

    public ImageService(Store store, Clock clock, AliasService aliasService) {
        this.store = store;
        this.clock = clock;
        this.lifecycle = new Lifecycle(clock);
        this.aliasService = aliasService;
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
        request.aliases().forEach(AliasService::checkName);
        try (Ingest ingest = ingest()) {
            ScannedImage scanned = copyIn(request, ingest, progress);
            Path named = request.rootfs() == null ? request.metadata() : request.rootfs();
            String filename = named.getFileName().toString() + (Files.isDirectory(named) ? ".tar.xz" : "");
            return insert(ingest, scanned, filename, request.aliases(), request.isPublic(), request.properties(),
                    null);
        } catch (IOException e) {
            throw new EngineException(
                    Progress.interrupted(e) ? "Import interrupted" : "Import failed: " + e.getMessage(), e);
        }
    }

    /**
     * Imports a unified image read from {@code source} (a download) rather than from a file: copies it into the
     * store in one pass while reading its metadata, refuses a tarball without a rootfs, hands the fingerprint to
     * {@code verify} before anything is stored (it throws to refuse the image), then inserts the image with
     * {@code updateSource} and points the aliases at it as {@link #importImage(ImportRequest)} does. Nothing is left
     * behind on failure. Does not close {@code source}.
     */
    public ImportResult importUnified(InputStream source, String filename, List<String> aliases, boolean isPublic,
                                      Map<String, String> properties, UpdateSource updateSource,
                                      Consumer<String> verify) {
        aliases.forEach(AliasService::checkName);
        try (Ingest ingest = ingest()) {
            InputStream in = ingest.tee(source);
            ScannedImage scanned = MetadataReader.readUnified(in);
            ingest.drain(in);
            verify.accept(ingest.finish());
            UpdateSourceRecord src = updateSource == null ? null : new UpdateSourceRecord(updateSource.server(),
                    updateSource.protocol(), updateSource.certificate(), updateSource.alias(),
                    updateSource.imageType());
            return insert(ingest, scanned, filename, aliases, isPublic, properties, src);
        } catch (IOException e) {
            throw new EngineException(
                    Progress.interrupted(e) ? "Import interrupted" : "Import failed: " + e.getMessage(), e);
        }
    }

    /**
     * A new ingest into the store. The store reports a {@code tmp/} directory it cannot create a file in (read-only,
     * out of inodes) unchecked; here it is an {@link IOException} like any other failed write, so that the caller
     * reports it as one.
     */
    public Ingest ingest() throws IOException {
        try {
            return store.ingest();
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
    }

    /** Whether the store holds the image with exactly this fingerprint. */
    public boolean exists(String fingerprint) {
        return store.read(tx -> tx.images().exists(fingerprint));
    }

    /** Fails as an import would for an invalid alias name (lets a caller check before it downloads anything). */
    public void checkAliasNames(List<String> names) {
        names.forEach(AliasService::checkName);
    }

    /** Finishes {@code ingest} and inserts the image and its aliases in one transaction. */
    private ImportResult insert(Ingest ingest, ScannedImage scanned, String filename, List<String> aliases,
                                boolean isPublic, Map<String, String> overrides, UpdateSourceRecord updateSource)
            throws IOException {
        String fingerprint = ingest.finish();
        Map<String, String> properties = new TreeMap<>(scanned.metadata().properties());
        overrides.forEach((k, v) -> {
            if (v.isBlank()) {
                properties.remove(k.trim());
            } else {
                properties.put(k.trim(), v.trim());
            }
        });
        ImageRecord image = new ImageRecord(fingerprint, filename, ingest.size(),
                ingest.split(), scanned.type().apiName(), scanned.metadata().architecture(), isPublic,
                false, false, scanned.metadata().creationDate(), scanned.metadata().expiryDate(), clock.instant(),
                null, properties, List.of("default"), List.of(), updateSource);
        return new ImportResult(fingerprint, publish(ingest, image, tx -> aliasService.pointAt(tx, aliases,
                fingerprint)));
    }

    /**
     * Publishes the finished {@code ingest} as {@code image} in one transaction, which {@code also} continues (alias
     * moves, the removal of an image it replaces). A fingerprint already stored is a conflict, and nothing is kept.
     */
    public <T> T publish(Ingest ingest, ImageRecord image, TxWork<T> also) {
        return store.write(tx -> {
            if (tx.images().exists(image.fingerprint())) {
                throw new ConflictException("Image with same fingerprint already exists");
            }
            store.publish(tx, ingest);
            tx.images().insert(image);
            lifecycle.imageCreated(tx, image.fingerprint(), image.type());
            return also.run(tx);
        });
    }

    /**
     * Copies the image file(s) into {@code ingest}, reading the metadata on the way. An image directory is packed
     * into a unified tarball as it is copied (see {@link DirectoryTarball}).
     */
    private static ScannedImage copyIn(ImportRequest request, Ingest ingest, Progress progress) throws IOException {
        long metadataSize = sizeOrUnknown(request.metadata());
        long rootfsSize = request.rootfs() == null ? 0 : sizeOrUnknown(request.rootfs());
        long total = metadataSize < 0 || rootfsSize < 0 ? -1 : metadataSize + rootfsSize;
        ScannedImage scanned;
        try (InputStream in = ingest.tee(new CountingStream(openMetadata(request), 0, total, null, progress))) {
            scanned = request.rootfs() == null
                    ? MetadataReader.readUnified(in)
                    : MetadataReader.readSplit(in, Compression.detect(readable(request.rootfs())));
            ingest.drain(in);
        }
        if (request.rootfs() != null) {
            ingest.nextPart();
            try (InputStream in = new CountingStream(open(request.rootfs()), ingest.size(), total, null, progress)) {
                ingest.drain(in);
            }
        }
        return scanned;
    }

    /** The size of a regular file; -1 for anything else (a pipe has no size to show progress against). */
    private static long sizeOrUnknown(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.size(file) : -1;
    }

    public List<Image> list() {
        return store.read(tx -> tx.images().all()).stream().map(ImageService::toImage).toList();
    }

    public List<Image> list(ImageFilter filter) {
        return list().stream().filter(filter::matches).toList();
    }

    /** Finds an image by alias first, then by fingerprint or unique fingerprint prefix. */
    public Image resolve(String name) {
        return store.read(tx -> {
            Optional<AliasRecord> alias = tx.aliases().get(name);
            String fingerprint = alias.isPresent() ? alias.get().target() : uniquePrefix(tx, name);
            return tx.images().get(fingerprint).map(ImageService::toImage)
                    .orElseThrow(() -> new NotFoundException("Image not found"));
        });
    }

    /** Finds an image by fingerprint or unique fingerprint prefix only (what {@code alias create} accepts). */
    public Image byFingerprint(String prefix) {
        return store.read(tx -> tx.images().get(uniquePrefix(tx, prefix)).map(ImageService::toImage)
                .orElseThrow(() -> new NotFoundException("Image not found")));
    }

    static String uniquePrefix(Tx tx, String prefix) throws SQLException {
        if (prefix.isEmpty()) {
            throw new NotFoundException("Image not found");
        }
        List<String> matches = tx.images().fingerprintsStartingWith(prefix);
        if (matches.isEmpty()) {
            throw new NotFoundException("Image not found");
        }
        if (matches.size() > 1) {
            throw new EngineException("More than one image matches \"" + prefix + "\": " + String.join(", ",
                    matches.stream().map(fp -> fp.substring(0, 12)).toList()));
        }
        return matches.get(0);
    }

    /** Replaces the writable fields, as LXD's PUT does: an unset expiry keeps the old one, empty values vanish. */
    public void update(String fingerprint, ImagePut put) {
        update(fingerprint, put, null);
    }

    /**
     * {@link #update(String, ImagePut)} that first checks the image is still as the caller saw it: {@code etag}
     * (see {@link ImageETag}) must match the stored state, else a {@link ConflictException}; null skips the check.
     */
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
            ImageRecord current = tx.images().get(fingerprint).orElseThrow(() -> new NotFoundException("Image not found"));
            if (etag != null) {
                String now = ImageETag.of(toImage(current));
                if (!now.equals(etag)) {
                    throw new ConflictException("ETag doesn't match: " + now + " vs " + etag
                            + " (the image changed since it was read)");
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

    public String property(String fingerprint, String key) {
        return get(fingerprint).property(key);
    }

    /** Sets one property; an empty value removes it (that is what {@code unset-property} sends). */
    public void setProperty(String fingerprint, String key, String value) {
        Image image = get(fingerprint);
        Map<String, String> properties = new LinkedHashMap<>(image.properties());
        properties.put(key, value);
        ImagePut put = image.writable();
        update(fingerprint, new ImagePut(put.autoUpdate(), properties, put.isPublic(), null, put.profiles()));
    }

    public Image get(String fingerprint) {
        return store.read(tx -> tx.images().get(fingerprint)).map(ImageService::toImage)
                .orElseThrow(() -> new NotFoundException("Image not found"));
    }

    /** Deletes the image and its aliases; its files go once the deletion has committed. */
    public void delete(String fingerprint) {
        store.write(tx -> {
            delete(tx, tx.images().get(fingerprint).orElseThrow(() -> new NotFoundException("Image not found")));
            return null;
        });
    }

    /** Deletes {@code image} and its aliases inside the caller's transaction; its files go once that commits. */
    public void delete(Tx tx, ImageRecord image) throws SQLException {
        for (AliasRecord a : image.aliases()) {
            lifecycle.aliasDeleted(tx, a.name());
        }
        tx.images().delete(image.fingerprint());
        lifecycle.imageDeleted(tx, image.fingerprint());
        store.deleteFilesAfterCommit(tx, image.fingerprint());
    }

    /**
     * Writes the image's files as {@code lxc image export} names them: into a directory under the stored names
     * ({@code <fp>.tar.xz}, or {@code meta-<fp>.tar.xz} and {@code <fp>.tar.xz}), or at {@code target} (a unified
     * image gets the extension appended; a split one becomes {@code target} and {@code target.root}). Returns the
     * files written. {@code target} null means the current directory.
     */
    public List<Path> export(String fingerprint, String target) {
        return export(fingerprint, target, Progress.NONE);
    }

    /**
     * {@link #export(String, String)}, telling {@code progress} the bytes written so far. An interrupt of the calling
     * thread stops the copy and leaves none of the export's files behind.
     */
    public List<Path> export(String fingerprint, String target, Progress progress) {
        ImageRecord image = store.read(tx -> tx.images().get(fingerprint))
                .orElseThrow(() -> new NotFoundException("Image not found"));
        Path rootfs = image.split() ? store.rootfsFile(fingerprint) : null;
        return new ImageExport(store.file(fingerprint), rootfs, fingerprint).writeTo(target, progress);
    }

    /** Streams a unified image's bytes to {@code out}. */
    public void export(String fingerprint, OutputStream out) {
        ImageRecord image = store.read(tx -> tx.images().get(fingerprint))
                .orElseThrow(() -> new NotFoundException("Image not found"));
        if (image.split()) {
            throw new InvalidInputException("A split image cannot be exported to standard output; give a target path");
        }
        try {
            Files.copy(store.file(fingerprint), out);
            out.flush();
        } catch (IOException e) {
            throw new EngineException("Export failed: " + e.getMessage(), e);
        }
    }

    private static InputStream openMetadata(ImportRequest request) throws IOException {
        if (!Files.isDirectory(request.metadata())) {
            return open(request.metadata());
        }
        if (request.rootfs() != null) {
            throw new InvalidInputException("The image directory " + request.metadata()
                    + " holds the whole image: import it without a rootfs file");
        }
        return DirectoryTarball.of(request.metadata());
    }

    private static InputStream open(Path file) throws IOException {
        return Files.newInputStream(readable(file));
    }

    private static Path readable(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("read " + file + ": is a directory");
        }
        if (!Files.exists(file)) {
            throw new InvalidInputException("open " + file + ": no such file or directory");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidInputException("open " + file + ": permission denied");
        }
        return file;
    }

    static Image toImage(ImageRecord r) {
        UpdateSourceRecord s = r.updateSource();
        return new Image(r.autoUpdate(), r.properties(), r.isPublic(), r.expiresAt(), r.profiles(),
                r.aliases().stream().map(a -> new ImageAlias(a.name(), a.description())).toList(), r.architecture(),
                r.cached(), r.filename(), r.fingerprint(), r.size(),
                s == null ? null : new UpdateSource(s.alias(), s.certificate(), s.protocol(), s.server(), s.imageType()),
                r.type(), r.createdAt(), r.lastUsedAt() == null ? ApiTime.NEVER : r.lastUsedAt(), r.uploadedAt());
    }
}
