package io.imgsh.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An image store in one directory: {@code imgsh.db} (SQLite) plus content-addressed files. Several threads and
 * processes may use one store at once; every write runs in a transaction that takes the write lock up front, and
 * reads never wait for it. Only files imgsh provably wrote are ever removed.
 */
public final class Store implements AutoCloseable {
    /** How long a kept download waits for a run to continue it; opening the store removes older ones. */
    public static final Duration DOWNLOAD_KEPT_FOR = Duration.ofDays(7);

    private final Path home;
    private final Database database;
    private final BlobStore blobs;

    private Store(Path home, Database database, BlobStore blobs) {
        this.home = home;
        this.database = database;
        this.blobs = blobs;
    }

    /**
     * Does ahead of {@link #open} what any store's opening first does, on the calling thread: loading SQLite's native
     * library when it is at hand ({@code org.sqlite.lib.path}). A process that will open a store can call it on
     * another thread while it starts.
     */
    public static void preload() {
        Database.preload();
    }

    /** Opens the store in {@code home} as {@link #open(Path, Duration)} does, writers waiting up to 30 s. */
    public static Store open(Path home) {
        return open(home, Database.DEFAULT_WRITE_WAIT);
    }

    /**
     * Opens the store in {@code home}, creating it if the directory is missing or empty, and removes what crashed
     * processes left in {@code tmp/}. A directory that is not an imgsh store, or whose database is damaged, is
     * refused with a {@link StoreException} and left as it is. Opening takes the write lock only to create or
     * upgrade the schema, or to settle a crashed writer's leftovers when no other writer is busy, so it never
     * waits for another process's transaction otherwise. A write that waits for another writer longer than
     * {@code writeWait} fails with "store busy (another imgsh is writing)".
     */
    public static Store open(Path home, Duration writeWait) {
        boolean blank = StoreDirectory.prepare(home);
        Database database = new Database(home.resolve(StoreDirectory.DATABASE), writeWait, blank);
        try {
            Store store = new Store(home, database, new BlobStore(home));
            store.sweep();
            return store;
        } catch (IOException e) {
            database.close();
            throw new StoreException("Cannot clean up " + home.resolve("tmp") + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Removes the parts of ingests that died and the downloads kept longer than {@link #DOWNLOAD_KEPT_FOR}, and
     * settles the intent markers of writers that died between moving files and ending their transaction. The
     * markers need the write lock; if another writer holds it, they wait for the next open rather than keep this
     * one waiting.
     */
    private void sweep() throws IOException {
        BlobStore.Leftovers leftovers = blobs.leftovers();
        blobs.sweepParts(leftovers.parts());
        blobs.sweepDownloads(leftovers.downloads(), Instant.now().minus(DOWNLOAD_KEPT_FOR));
        if (!leftovers.intents().isEmpty()) {
            database.tryWrite(tx -> {
                blobs.sweepIntents(tx, leftovers.intents());
                return null;
            });
        }
    }

    public Path home() {
        return home;
    }

    /** Runs {@code work} in a read transaction (a consistent snapshot). */
    public <T> T read(TxWork<T> work) {
        return database.transaction(false, work);
    }

    /**
     * Runs {@code work}, which must make a single statement (a read), in the transaction SQLite gives that statement:
     * as consistent as {@link #read}, for less.
     */
    public <T> T readOne(TxWork<T> work) {
        return database.statement(work);
    }

    /** Runs {@code work} in a write transaction ({@code BEGIN IMMEDIATE}). */
    public <T> T write(TxWork<T> work) {
        return database.transaction(true, work);
    }

    /** Starts writing a new image's files into {@code tmp/}. */
    public Ingest ingest() {
        return blobs.ingest();
    }

    /**
     * Starts, or continues, the download of the image {@code fingerprint} into {@code tmp/}: an {@link Ingest} whose
     * parts are named after the fingerprint and hold what an earlier download of it {@link Ingest#keep kept} (see
     * {@link Ingest#held}). Refused with a {@link DownloadBusyException} while another ingest has that download.
     * Kept downloads that nobody continues go after {@link #DOWNLOAD_KEPT_FOR}, or with {@link #discardDownload}.
     */
    public Ingest download(String fingerprint) {
        return blobs.download(fingerprint);
    }

    /**
     * Removes the kept download of the image {@code fingerprint}, unless an ingest is writing it; returns whether
     * none is left.
     */
    public boolean discardDownload(String fingerprint) {
        try {
            return blobs.discardDownload(fingerprint);
        } catch (IOException e) {
            throw new StoreException("Cannot remove the kept download of " + fingerprint + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves a finished ingest into {@code images/}; call inside {@link #write}, before inserting the rows. An image
     * that already has a row is refused with {@link java.nio.file.FileAlreadyExistsException} (check
     * {@code tx.images().exists(fp)} first); files without a row, left by a writer that died, are replaced.
     */
    public void publish(Tx tx, Ingest ingest) throws IOException {
        blobs.publish(tx, ingest, ingest.finish());
    }

    /**
     * Removes an image's files once the transaction that deleted its row has committed. The removal takes the write
     * lock again and leaves the files alone if the image was imported anew (by another thread or process) in between.
     * An intent marker written in this transaction lets the next open finish the removal should it not happen.
     */
    public void deleteFilesAfterCommit(Tx tx, String fingerprint) {
        Path marker;
        try {
            marker = blobs.markIntent(tx, fingerprint);
        } catch (IOException e) {
            throw new StoreException("Store I/O error: " + e.getMessage(), e);
        }
        tx.onCommit(() -> write(later -> {
            if (!later.images().exists(fingerprint)) {
                blobs.delete(fingerprint);
            }
            Files.deleteIfExists(marker);
            return null;
        }));
    }

    /** The names of the entries of {@code images/}, whoever wrote them (a verification compares them with the rows). */
    public List<String> imageEntries() {
        try {
            return blobs.imageEntries();
        } catch (IOException e) {
            throw new StoreException("Cannot list " + home.resolve("images") + ": " + e.getMessage(), e);
        }
    }

    /**
     * The fingerprint an entry of {@code images/} is named after when it is a regular file named as imgsh names its
     * files ({@code <64 hex>} or {@code <64 hex>.rootfs}); empty for anything else, which imgsh never removes.
     */
    public Optional<String> imageFileFingerprint(String entry) {
        return blobs.imageFileFingerprint(entry);
    }

    /**
     * Removes the entry of {@code images/} (call inside {@link #write}) when it is a file named as imgsh names its
     * files and no image has it: a rootfs file counts as the image's only if the image is split. Returns whether it
     * was removed; anything else is left alone.
     */
    public boolean deleteUnclaimedFile(Tx tx, String entry) {
        Optional<String> fingerprint = blobs.imageFileFingerprint(entry);
        if (fingerprint.isEmpty()) {
            return false;
        }
        try {
            ImageRecord image = tx.images().get(fingerprint.get()).orElse(null);
            boolean rootfs = !entry.equals(fingerprint.get());
            if (image != null && (!rootfs || image.split())) {
                return false;
            }
            return Files.deleteIfExists(home.resolve("images").resolve(entry));
        } catch (IOException | SQLException e) {
            throw new StoreException("Cannot remove images/" + entry + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts the files of a finished ingest in place of the stored image's (a repair); call inside {@link #write}. The
     * ingest must hash to the fingerprint of an image that has a row, with as many files (unified or split); the row
     * is left as it is. Refused with a {@link StoreException} otherwise.
     */
    public void replaceFiles(Tx tx, Ingest ingest) throws IOException {
        String fingerprint = ingest.finish();
        ImageRecord image;
        try {
            image = tx.images().get(fingerprint).orElse(null);
        } catch (SQLException e) {
            throw new StoreException("Store database error: " + e.getMessage(), e);
        }
        if (image == null || image.split() != ingest.split()) {
            throw new StoreException("Cannot replace the files of " + fingerprint + ": "
                    + (image == null ? "no such image" : "the new files are " + (ingest.split() ? "split" : "unified")
                    + " but the stored image is not"));
        }
        blobs.replace(ingest, fingerprint);
    }

    /** The unified tarball or, for a split image, the metadata tarball. */
    public Path file(String fingerprint) {
        return blobs.file(fingerprint);
    }

    /** The rootfs of a split image. */
    public Path rootfsFile(String fingerprint) {
        return blobs.rootfsFile(fingerprint);
    }

    /** The image's stored files: the unified file, or the metadata then the rootfs. */
    public List<Path> files(ImageRecord image) {
        return blobs.files(image.fingerprint(), image.split());
    }

    @Override
    public void close() {
        database.close();
    }
}
