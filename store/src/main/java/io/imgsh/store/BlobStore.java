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
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content-addressed files: {@code images/<fp>}, {@code images/<fp>.rootfs}, and {@code tmp/} for ingests and
 * intent markers. Files are only ever removed by what the database or imgsh's own names in {@code tmp/} prove:
 * a file in {@code images/} that no row holds and no marker claims is left alone.
 */
final class BlobStore {
    private static final String ROOTFS_SUFFIX = ".rootfs";
    /** The names imgsh gives the files in {@code images/}: the fingerprint, with {@code .rootfs} for a split rootfs. */
    private static final Pattern IMAGE_FILE = Pattern.compile("([0-9a-f]{64})(\\.rootfs)?");

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

    Ingest download(String fingerprint) {
        return new Ingest(tmp, fingerprint);
    }

    /**
     * Deletes the kept download of {@code fingerprint} unless an ingest has it (its first part locked, or open in
     * this JVM); returns whether nothing of it is left. Only regular files named as imgsh names them are removed.
     * Its files are {@link Ingest#claim claimed} for as long as it has them open, so that no ingest of this JVM
     * locks them meanwhile (closing our channel would release that lock: POSIX locks belong to the process).
     */
    boolean discardDownload(String fingerprint) throws IOException {
        Path first = tmp.resolve(TmpNames.download(fingerprint, 0));
        Path second = tmp.resolve(TmpNames.download(fingerprint, 1));
        if (!Ingest.claim(first)) {
            return false;
        }
        try {
            if (!Ingest.claim(second)) {
                return false;
            }
            try {
                return discardClaimed(first, second);
            } finally {
                Ingest.release(second);
            }
        } finally {
            Ingest.release(first);
        }
    }

    private static boolean discardClaimed(Path first, Path second) throws IOException {
        if (!Files.isRegularFile(first, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isRegularFile(second, LinkOption.NOFOLLOW_LINKS)) {
                deleteUnlocked(second);
            }
            return !Files.exists(second, LinkOption.NOFOLLOW_LINKS);
        }
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            if (channel.tryLock() == null) {
                return false;
            }
            if (Files.isRegularFile(second, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(second);
            }
            Files.deleteIfExists(first);
            return true;
        } catch (OverlappingFileLockException busyInThisProcess) {
            return false;
        } catch (NoSuchFileException alreadyGone) {
            return true;
        }
    }

    /**
     * Deletes the kept downloads whose files all date from before {@code cutoff} and that no ingest has. Best
     * effort: a download that cannot be removed (a file imgsh may not open, say) stays for a later sweep.
     */
    void sweepDownloads(List<Path> downloads, Instant cutoff) {
        Map<String, FileTime> newest = new HashMap<>();
        for (Path file : downloads) {
            FileTime modified;
            try {
                modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException continuedAndPublishedOrUnreadable) {
                continue;
            }
            newest.merge(TmpNames.downloadFingerprint(file.getFileName().toString()).orElseThrow(), modified,
                    (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        for (Map.Entry<String, FileTime> download : newest.entrySet()) {
            if (download.getValue().toInstant().isBefore(cutoff)) {
                try {
                    discardDownload(download.getKey());
                } catch (IOException cannotRemove) {
                    // it stays; every command would fail if one kept download could stop the store from opening
                }
            }
        }
    }

    Path file(String fingerprint) {
        return images.resolve(fingerprint);
    }

    Path rootfsFile(String fingerprint) {
        return images.resolve(fingerprint + ROOTFS_SUFFIX);
    }

    /** The files of an image: the unified file, or the metadata then the rootfs when {@code split}. */
    List<Path> files(String fingerprint, boolean split) {
        return split ? List.of(file(fingerprint), rootfsFile(fingerprint)) : List.of(file(fingerprint));
    }

    /**
     * Moves the finished parts into place; undone if the transaction rolls back. An image that has a row is never
     * replaced (its files would be deleted by the rollback of the failing insert). Files without a row are what a
     * crashed writer left; under the write lock nobody else can be publishing them, so they are replaced. An intent
     * marker, written before the first move and removed once the transaction has ended, lets the next open remove
     * the files should this process die before then.
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
        Path marker = markIntent(tx, fingerprint);
        tx.onCommit(() -> deleteQuietly(marker));
        List<Path> parts = ingest.partFiles();
        List<Path> targets = files(fingerprint, parts.size() == 2);
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

    /**
     * Writes (durably) the marker that claims the files of {@code fingerprint} for removal unless a row holds them,
     * and removes it again if the transaction rolls back; the caller removes it once the files are settled after
     * a commit. Call under the write lock.
     */
    Path markIntent(Tx tx, String fingerprint) throws IOException {
        Path marker = tmp.resolve(TmpNames.intent(fingerprint));
        Files.createFile(marker);
        syncDirectory(tmp);
        tx.onRollback(() -> deleteQuietly(marker)); // registered first, so it runs after the other undo steps
        return marker;
    }

    /** The names of the entries of {@code images/}, whoever wrote them. */
    List<String> imageEntries() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(images)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        return names;
    }

    /** The fingerprint an entry of {@code images/} is named after, if imgsh's naming made it a regular file there. */
    Optional<String> imageFileFingerprint(String name) {
        Matcher m = IMAGE_FILE.matcher(name);
        return m.matches() && Files.isRegularFile(images.resolve(name), LinkOption.NOFOLLOW_LINKS)
                ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Moves the finished parts of {@code ingest} over the files of the stored image {@code fingerprint} (the caller
     * checked, under the write lock, that its row exists and has as many files).
     */
    void replace(Ingest ingest, String fingerprint) throws IOException {
        List<Path> parts = ingest.partFiles();
        List<Path> targets = files(fingerprint, parts.size() == 2);
        for (int i = 0; i < parts.size(); i++) {
            Files.move(parts.get(i), targets.get(i), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
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
     * What crashed processes left in {@code tmp/}, by imgsh's own names: parts of ingests (not those of this JVM's
     * live ingests, which must not even be opened) and intent markers. Nothing else is ever touched.
     */
    Leftovers leftovers() throws IOException {
        List<Path> parts = new ArrayList<>();
        List<Path> intents = new ArrayList<>();
        List<Path> downloads = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (TmpNames.isPart(name) && !Ingest.isLive(f)) {
                    parts.add(f);
                } else if (TmpNames.intentFingerprint(name).isPresent()) {
                    intents.add(f);
                } else if (TmpNames.downloadFingerprint(name).isPresent() && !Ingest.isLive(f)) {
                    downloads.add(f);
                }
            }
        }
        return new Leftovers(parts, intents, downloads);
    }

    /** Deletes the parts whose ingests died: another process's live ingest holds its part's lock. */
    void sweepParts(List<Path> parts) throws IOException {
        for (Path part : parts) {
            deleteIfUnlocked(part);
        }
    }

    /**
     * Settles intent markers: an image without a row loses its files, then the marker goes. Call under the write
     * lock: no writer can then be between moving files into place and committing their row, so the row alone
     * tells whether the files are an image (the marker needs no lock of its own).
     */
    void sweepIntents(Tx tx, List<Path> markers) throws IOException, SQLException {
        for (Path marker : markers) {
            String fingerprint = TmpNames.intentFingerprint(marker.getFileName().toString()).orElseThrow();
            if (!tx.images().exists(fingerprint)) {
                delete(fingerprint);
            }
            Files.deleteIfExists(marker);
        }
    }

    /** Leftovers in {@code tmp/}: ingest parts, intent markers and the parts of kept downloads. */
    record Leftovers(List<Path> parts, List<Path> intents, List<Path> downloads) {
    }

    /** Deletes a file of {@code tmp/} unless another process holds its lock. */
    private static void deleteIfUnlocked(Path file) throws IOException {
        if (!Ingest.claim(file)) {
            return; // an ingest of this very process owns it
        }
        try {
            deleteUnlocked(file);
        } finally {
            Ingest.release(file);
        }
    }

    /** {@link #deleteIfUnlocked} of a file this JVM's ingests cannot take meanwhile ({@link Ingest#claim claimed}). */
    private static void deleteUnlocked(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                Files.deleteIfExists(file);
            }
        } catch (OverlappingFileLockException busyInThisProcess) {
            // this JVM holds its lock through a channel of its own
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
