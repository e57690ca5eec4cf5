package io.imgsh.engine.image;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.event.Lifecycle;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.DirectoryTarball;
import io.imgsh.engine.format.ImageType;
import io.imgsh.engine.format.MetadataReader;
import io.imgsh.engine.format.ScannedImage;
import io.imgsh.store.DownloadBusyException;
import io.imgsh.store.ImageRecord;
import io.imgsh.store.Ingest;
import io.imgsh.store.Store;
import io.imgsh.store.StoreReadException;
import io.imgsh.store.StoreWriteException;
import io.imgsh.store.Tx;
import io.imgsh.store.TxWork;
import io.imgsh.store.UpdateSourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * How images enter the store: files and directories (import), a unified download (the direct protocol) and the files
 * of another place (copy). Every way streams the bytes once into an {@link Ingest}, hashing while copying, and
 * publishes the image in one transaction; nothing is left behind on failure.
 */
final class Importer {
    private final Store store;
    private final Clock clock;
    private final Lifecycle lifecycle;
    private final AliasService aliases;

    Importer(Store store, Clock clock, AliasService aliases) {
        this.store = store;
        this.clock = clock;
        this.lifecycle = new Lifecycle(clock);
        this.aliases = aliases;
    }

    ImportResult importFiles(ImportRequest request, Progress progress) {
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

    ImportResult importUnified(InputStream source, String filename, List<String> names, boolean isPublic,
                               Map<String, String> properties, UpdateSource updateSource, Consumer<String> verify) {
        names.forEach(AliasService::checkName);
        try (Ingest ingest = ingest()) {
            InputStream in = ingest.tee(source);
            ScannedImage scanned = MetadataReader.readUnified(in);
            ingest.drain(in);
            verify.accept(ingest.finish());
            return insert(ingest, scanned, filename, names, isPublic, properties, record(updateSource));
        } catch (IOException e) {
            throw new EngineException(
                    Progress.interrupted(e) ? "Import interrupted" : "Import failed: " + e.getMessage(), e);
        }
    }

    /**
     * Stores the files {@code streams} hands over, read once as they arrive: the metadata is read on the way and the
     * fingerprint handed to {@code verify} (which throws to refuse the image) before anything is published.
     */
    ImportResult importStreams(ImageStreams streams, boolean isPublic, Map<String, String> properties,
                               Consumer<String> verify) {
        try (Ingest ingest = ingest()) {
            ScannedImage[] scanned = new ScannedImage[1];
            ImageStreams.Sent sent = streams.sendTo((part, in) -> {
                if ((part == ImagePart.ROOTFS) == (scanned[0] == null)) {
                    throw new InvalidInputException("An image is a unified file, or metadata then rootfs");
                }
                try {
                    if (part == ImagePart.ROOTFS) {
                        ingest.nextPart();
                        ingest.drain(in);
                    } else {
                        InputStream tee = ingest.tee(in);
                        // a split image's type comes with its rootfs part, after this: see below
                        scanned[0] = part == ImagePart.UNIFIED ? MetadataReader.readUnified(tee)
                                : MetadataReader.readSplit(tee, ImageType.CONTAINER);
                        ingest.drain(tee);
                    }
                    return ingest.partSha256();
                } catch (StoreWriteException e) {
                    throw new EngineException(e.getMessage(), e);
                }
            });
            if (scanned[0] == null || (sent.splitType() != null) != ingest.split()) {
                throw new InvalidInputException("An image is a unified file, or metadata then rootfs");
            }
            ScannedImage image = ingest.split() ? new ScannedImage(scanned[0].metadata(), sent.splitType())
                    : scanned[0];
            verify.accept(ingest.finish());
            return insert(ingest, image, sent.filename(), List.of(), isPublic, properties, null);
        } catch (IOException e) {
            throw new EngineException(
                    Progress.interrupted(e) ? "Import interrupted" : "Import failed: " + e.getMessage(), e);
        }
    }

    /**
     * Stores the files {@code source} exports of {@code image} as {@code settings} say, checking that they hash to
     * its fingerprint; {@code also} continues the transaction that publishes it. Returns the bytes read from the
     * source.
     */
    long pull(Images source, Image image, PullSettings settings, TxWork<?> also, Progress progress) {
        return download(source, image, progress, "Copy failed: ", (ingest, transferred) -> {
            ImageRecord record = new ImageRecord(image.fingerprint(), image.filename(), ingest.size(), ingest.split(),
                    image.type(), image.architecture(), settings.isPublic(), settings.autoUpdate(), settings.cached(),
                    image.createdAt(), image.expiresAt(), clock.instant(), settings.lastUsedAt(),
                    image.properties(), List.of("default"), List.of(), record(settings.updateSource()));
            publish(ingest, record, also);
            return transferred;
        });
    }

    /**
     * Downloads the files of the stored {@code image} from {@code source} and, once they hash to its fingerprint,
     * moves them over the stored ones; the row stays as it is. Returns the bytes read from the source.
     */
    long restoreFiles(Images source, Image image, Progress progress) {
        return download(source, image, progress, "Download failed: ", (ingest, transferred) -> {
            store.write(tx -> {
                store.replaceFiles(tx, ingest);
                return null;
            });
            return transferred;
        });
    }

    /** What is done with a download once it hashes to its fingerprint. */
    @FunctionalInterface
    private interface Downloaded {
        long store(Ingest ingest, long transferred) throws IOException;
    }

    /**
     * Downloads the files {@code source} exports of {@code image} into the store's download of its fingerprint,
     * continuing what an earlier run kept of it, and hands the ingest to {@code then} once they hash to the
     * fingerprint. A transfer that fails keeps what arrived for a later run, unless the bytes were wrong or could not
     * be written; a continued download whose bytes turn out wrong (corrupted on disk, say) is dropped and downloaded
     * whole once more. Kept bytes that could not be read back, or whose re-hashing was interrupted, are not wrong:
     * they stay. {@code failure} begins the message of an I/O error outside the transfer.
     */
    private long download(Images source, Image image, Progress progress, String failure, Downloaded then) {
        for (int attempt = 1; ; attempt++) {
            try (Ingest ingest = openDownload(image.fingerprint())) {
                long transferred;
                try {
                    transferred = fetch(source, image, ingest, progress);
                } catch (IOException | RuntimeException e) {
                    boolean wrong = causedBy(e, WrongBytesException.class) || causedBy(e, StoreWriteException.class);
                    if (!wrong) {
                        ingest.keep();
                    }
                    if (!wrong || !ingest.resumed() || attempt > 1) {
                        throw e;
                    }
                    continue;
                }
                return then.store(ingest, transferred);
            } catch (IOException e) {
                throw new EngineException(failure + e.getMessage(), e);
            }
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Streams the files {@code source} exports of {@code image} into {@code ingest}, from where it holds each one
     * when the source can continue it; fails unless they hash to its fingerprint. Returns the bytes read.
     */
    private static long fetch(Images source, Image image, Ingest ingest, Progress progress) throws IOException {
        long transferred = source.export(image, new ImageSink() {
            @Override
            public long held(ImagePart part) {
                try {
                    return part == ImagePart.ROOTFS && !ingest.split() ? ingest.heldInNextPart() : ingest.held();
                } catch (IOException e) {
                    throw new EngineException("Cannot read the kept download: " + e.getMessage(), e);
                }
            }

            @Override
            public String accept(ImagePart part, InputStream in) throws IOException {
                return accept(part, 0, in);
            }

            @Override
            public String accept(ImagePart part, long from, InputStream in) throws IOException {
                enter(part);
                try {
                    ingest.resumeAt(from);
                } catch (InterruptedIOException e) {
                    throw new EngineException("Download interrupted", e);
                } catch (StoreWriteException | StoreReadException e) {
                    throw new EngineException(e.getMessage(), e);
                }
                try {
                    ingest.drain(in);
                    return ingest.partSha256();
                } catch (StoreWriteException e) {
                    throw new EngineException(e.getMessage(), e);
                }
            }

            private void enter(ImagePart part) {
                if (part == ImagePart.ROOTFS && !ingest.split()) {
                    ingest.nextPart();
                }
            }
        }, progress);
        String got = ingest.finish();
        if (!got.equals(image.fingerprint())) {
            throw new WrongBytesException("Image fingerprint mismatch: the server announced " + image.fingerprint()
                    + " but the files hash to " + got);
        }
        return transferred;
    }

    /** The store's download of the image {@code fingerprint}: I/O failures as {@link #ingest()} reports them. */
    private Ingest openDownload(String fingerprint) throws IOException {
        try {
            return store.download(fingerprint);
        } catch (DownloadBusyException e) {
            throw new EngineException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
    }

    /**
     * A new ingest into the store. The store reports a {@code tmp/} directory it cannot create a file in (read-only,
     * out of inodes) unchecked; here it is an {@link IOException} like any other failed write, so that the caller
     * reports it as one.
     */
    private Ingest ingest() throws IOException {
        try {
            return store.ingest();
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
    }

    private ImportResult insert(Ingest ingest, ScannedImage scanned, String filename, Collection<String> names,
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
        return new ImportResult(fingerprint, publish(ingest, image, tx -> aliases.pointAt(tx, names, fingerprint)));
    }

    /**
     * Publishes the finished {@code ingest} as {@code image} in one transaction, which {@code also} continues. A
     * fingerprint already stored is a conflict, and nothing is kept.
     */
    private <T> T publish(Ingest ingest, ImageRecord image, TxWork<T> also) {
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

    /** Deletes {@code image} and its aliases inside the caller's transaction; its files go once that commits. */
    void delete(Tx tx, ImageRecord image) throws SQLException {
        for (var a : image.aliases()) {
            lifecycle.aliasDeleted(tx, a.name());
        }
        tx.images().delete(image.fingerprint());
        lifecycle.imageDeleted(tx, image.fingerprint());
        store.deleteFilesAfterCommit(tx, image.fingerprint());
    }

    private static UpdateSourceRecord record(UpdateSource s) {
        return s == null ? null : new UpdateSourceRecord(s.server(), s.protocol(), s.certificate(), s.alias(),
                s.imageType());
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
}
