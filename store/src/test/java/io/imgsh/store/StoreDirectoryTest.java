package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which directories {@link Store#open} makes or uses as a store, and that it changes nothing in those it refuses. */
class StoreDirectoryTest {
    @TempDir
    Path dir;

    /** Opening {@code home} fails with one line containing {@code expected}, and leaves every file as it was. */
    private static void assertRefusedUntouched(Path home, String expected) throws IOException {
        Map<String, String> before = TestImages.tree(home);
        assertThatThrownBy(() -> Store.open(home).close())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(TestImages.tree(home)).isEqualTo(before);
    }

    /** A store in {@code dir/store} with one image; returns its directory. */
    private Path storeWithAnImage() throws IOException {
        Path home = dir.resolve("store");
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        try (Store store = Store.open(home)) {
            TestImages.store(store, bytes);
        }
        return home;
    }

    @Test
    void aMissingDirectoryBecomesAStore() throws Exception {
        Path home = dir.resolve("a/b");
        Store.open(home).close();
        assertThat(TestImages.query(home, "PRAGMA user_version")).isEqualTo(Schema.LATEST);
        assertThat(home.resolve("images")).isEmptyDirectory();
        assertThat(home.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void aStoreOnAReadOnlyFileSystemSaysSo() throws Exception {
        Path home = dir.resolve("store");
        Store.open(home).close();
        try (Mounts.Mount ignored = Mounts.readOnly(home)) {
            assertRefusedUntouched(home, "the store directory " + home + " is not writable");
        }
    }

    @Test
    void whatAnInterruptedCreationLeavesBecomesAStore() throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.createFile(dir.resolve("imgsh.db"));
        Store.open(dir).close();
        assertThat(TestImages.query(dir, "PRAGMA user_version")).isEqualTo(Schema.LATEST);
    }

    @Test
    void aDirectoryWithOtherFilesButNoDatabaseIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("images/photo.jpg"), "k\n");
        Files.writeString(dir.resolve("tmp/notes.txt"), "k\n");
        assertRefusedUntouched(dir, dir + " is not an imgsh store: it holds other files but no imgsh.db");

        Path notes = dir.resolve("notes");
        Files.createDirectories(notes);
        Files.writeString(notes.resolve("todo.txt"), "k\n");
        assertRefusedUntouched(notes, "is not an imgsh store");
    }

    @Test
    void aFileIsNotAStoreDirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "k\n");
        assertThatThrownBy(() -> Store.open(file)).isInstanceOf(StoreException.class)
                .hasMessage(file + " is not an imgsh store: it is not a directory;"
                        + " nothing was changed (use an empty or new directory)");
        assertThat(file).hasContent("k");
    }

    @Test
    void anEmptyDatabaseBesideImagesIsReportedAndTheImagesStay() throws Exception {
        Path home = storeWithAnImage();
        Files.write(home.resolve("imgsh.db"), new byte[0]); // : > imgsh.db
        assertRefusedUntouched(home, "The store database " + home.resolve("imgsh.db") + " is damaged: it is empty");
        assertThat(TestImages.list(home.resolve("images"))).hasSize(1);
    }

    @Test
    void anotherProgramsDatabaseIsRefused() throws Exception {
        TestImages.execute(dir, "CREATE TABLE photos (name TEXT)");
        assertRefusedUntouched(dir, dir + " is not an imgsh store: imgsh.db is another program's database"
                + " (tables: photos)");
        TestImages.execute(dir, "PRAGMA user_version = 1");
        assertRefusedUntouched(dir, "is not an imgsh store");
    }

    /** A damaged header (not SQLite at all) and a damaged schema page (malformed). */
    @ParameterizedTest
    @ValueSource(ints = {0, 100})
    void aDamagedDatabaseIsReportedAndLeftAsItIs(int from) throws Exception {
        Path home = storeWithAnImage();
        Path db = home.resolve("imgsh.db");
        byte[] bytes = Files.readAllBytes(db);
        for (int i = from; i < 4096; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        Files.write(db, bytes);
        assertRefusedUntouched(home, "The store database " + db + " is damaged: ");
        assertThat(TestImages.list(home.resolve("images"))).hasSize(1);
    }
}
