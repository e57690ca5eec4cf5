package io.imgsh.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An image store in one directory: {@code imgsh.db} (SQLite) plus content-addressed files. Several threads and
 * processes may use one store at once; every write runs in a transaction that takes the write lock up front.
 */
public final class Store implements AutoCloseable {
    private final Path home;
    private final Database database;
    private final BlobStore blobs;

    private Store(Path home) {
        this.home = home;
        this.blobs = new BlobStore(home);
        this.database = new Database(home.resolve("imgsh.db"));
    }

    /** Opens (creating if needed) the store in {@code home} and removes what an interrupted ingest left behind. */
    public static Store open(Path home) {
        Store store = new Store(home);
        try {
            store.write(tx -> {
                store.blobs.sweep(tx.images().fingerprints());
                return null;
            });
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    public Path home() {
        return home;
    }

    /** Runs {@code work} in a read transaction (a consistent snapshot). */
    public <T> T read(TxWork<T> work) {
        return database.transaction(false, work);
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
     */
    public void deleteFilesAfterCommit(Tx tx, String fingerprint) {
        tx.onCommit(() -> write(later -> {
            if (!later.images().exists(fingerprint)) {
                blobs.delete(fingerprint);
            }
            return null;
        }));
    }

    /** The unified tarball or, for a split image, the metadata tarball. */
    public Path file(String fingerprint) {
        return blobs.file(fingerprint);
    }

    /** The rootfs of a split image. */
    public Path rootfsFile(String fingerprint) {
        return blobs.rootfsFile(fingerprint);
    }

    @Override
    public void close() {
        database.close();
    }
}
