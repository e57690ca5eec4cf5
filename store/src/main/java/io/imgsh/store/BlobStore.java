package io.imgsh.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** The content-addressed files: {@code images/<fp>}, {@code images/<fp>.rootfs}, and {@code tmp/} for ingests. */
final class BlobStore {
    private static final String ROOTFS_SUFFIX = ".rootfs";

    private final Path images;
    private final Path tmp;

    BlobStore(Path home) {
        try {
            Files.createDirectories(home.resolve("images"));
            Files.createDirectories(home.resolve("tmp"));
            this.images = home.resolve("images");
            // Real, so that a sweep compares tmp/ entries with the live parts of this JVM on equal terms.
            this.tmp = home.resolve("tmp").toRealPath();
        } catch (IOException e) {
            throw new StoreException("Cannot create the store directories in " + home + ": " + e.getMessage(), e);
        }
    }

    Ingest ingest() {
        return new Ingest(tmp);
    }

    Path file(String fingerprint) {
        return images.resolve(fingerprint);
    }

    Path rootfsFile(String fingerprint) {
        return images.resolve(fingerprint + ROOTFS_SUFFIX);
    }

    /**
     * Moves the finished parts into place; undone if the transaction rolls back. An image that has a row is never
     * replaced (its files would be deleted by the rollback of the failing insert). Files without a row are what a
     * crashed writer left; under the write lock nobody else can be publishing them, so they are replaced.
     */
    void publish(Tx tx, Ingest ingest, String fingerprint) throws IOException {
        boolean stored;
        try {
            stored = tx.images().exists(fingerprint);
        } catch (SQLException e) {
            throw new StoreException("Store database error: " + e.getMessage(), e);
        }
        if (stored) {
            throw new FileAlreadyExistsException(file(fingerprint).toString(), null,
                    "image " + fingerprint + " is already stored");
        }
        List<Path> parts = ingest.partFiles();
        List<Path> targets = parts.size() == 2
                ? List.of(file(fingerprint), rootfsFile(fingerprint))
                : List.of(file(fingerprint));
        if (parts.size() == 1) {
            Files.deleteIfExists(rootfsFile(fingerprint)); // a leftover would make the image look split
        }
        for (int i = 0; i < parts.size(); i++) {
            Path target = targets.get(i);
            Files.move(parts.get(i), target, StandardCopyOption.ATOMIC_MOVE);
            tx.onRollback(() -> deleteQuietly(target));
        }
        syncDirectory(images);
        ingest.published();
    }

    /** Deletes an image's files; the caller makes sure, under the write lock, that the image has no row. */
    void delete(String fingerprint) throws IOException {
        Files.deleteIfExists(file(fingerprint));
        Files.deleteIfExists(rootfsFile(fingerprint));
    }

    /**
     * Removes what a crash can leave behind: unlocked files in {@code tmp/} and files in {@code images/} without a
     * row. Runs inside a write transaction so that no other process is between publishing a file and its insert.
     */
    void sweep(Set<String> fingerprints) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
            for (Path f : leftovers) {
                if (!Ingest.isLive(f) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    deleteIfUnlocked(f);
                }
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(images)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String fp = name.endsWith(ROOTFS_SUFFIX) ? name.substring(0, name.length() - ROOTFS_SUFFIX.length()) : name;
                if (!fingerprints.contains(fp) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Deletes a file of {@code tmp/} unless another process holds its lock. */
    private static void deleteIfUnlocked(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                Files.deleteIfExists(file);
            }
        } catch (OverlappingFileLockException busyInThisProcess) {
            // an ingest of this very process owns it (registered too late to be skipped above)
        } catch (NoSuchFileException alreadyGone) {
            // removed by its owner meanwhile
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
