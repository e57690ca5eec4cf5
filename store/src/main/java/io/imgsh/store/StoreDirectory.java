package io.imgsh.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * The directory a store lives in, judged before imgsh writes anything to it. A missing or empty directory becomes
 * a new store; so does one holding no more than a store whose creation was cut short leaves. Any other directory
 * must already hold imgsh's database: a store never adopts, and so never sweeps, files it did not write.
 */
final class StoreDirectory {
    static final String DATABASE = "imgsh.db";

    /** What SQLite keeps beside the database file. */
    private static final Set<String> DATABASE_FILES =
            Set.of(DATABASE, DATABASE + "-wal", DATABASE + "-shm", DATABASE + "-journal");
    /** Directories that may be there, empty, in a directory that is not a store yet. */
    private static final Set<String> EMPTY_DIRECTORIES = Set.of("images", "tmp", "lost+found");

    private StoreDirectory() {
    }

    /**
     * Refuses {@code home} if it cannot be a store, creates it if it is missing, and returns whether it is blank
     * (may become a new store): then an empty database file in it is one being created, not a damaged one.
     */
    static boolean prepare(Path home) {
        try {
            if (Files.notExists(home)) {
                Files.createDirectories(home);
                return true;
            }
            if (!Files.isDirectory(home)) {
                throw notAStore(home, "it is not a directory");
            }
            boolean blank = isBlank(home);
            if (!blank && !Files.exists(home.resolve(DATABASE))) {
                throw notAStore(home, "it holds other files but no " + DATABASE);
            }
            return blank;
        } catch (IOException e) {
            throw new StoreException("Cannot read the store directory " + home + ": " + e.getMessage(), e);
        }
    }

    static StoreException notAStore(Path home, String why) {
        return new StoreException(home + " is not an imgsh store: " + why
                + "; nothing was changed (use an empty or new directory)");
    }

    private static boolean isBlank(Path home) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(home)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean blank = DATABASE_FILES.contains(name)
                        || EMPTY_DIRECTORIES.contains(name) && isEmptyDirectory(entry);
                if (!blank) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            Iterator<Path> it = entries.iterator();
            return !it.hasNext();
        }
    }
}
