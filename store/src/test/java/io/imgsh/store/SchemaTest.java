package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTest {
    @TempDir
    Path home;

    @Test
    void freshStoreHasLatestVersionWalAndLayout() throws Exception {
        try (Store store = Store.open(home)) {
            assertThat(store.home()).isEqualTo(home);
        }
        assertThat(Schema.LATEST).isGreaterThanOrEqualTo(1);
        assertThat(TestImages.query(home, "PRAGMA user_version")).isEqualTo(Schema.LATEST);
        assertThat(TestImages.query(home, "PRAGMA journal_mode")).isEqualTo("wal");
        assertThat(home.resolve("imgsh.db")).isRegularFile();
        assertThat(home.resolve("images")).isDirectory();
        assertThat(home.resolve("tmp")).isDirectory();
        assertThat(tables()).contains("images", "image_properties", "image_profiles", "image_aliases",
                "image_sources", "config", "events");
    }

    @Test
    void everyConnectionHasForeignKeysBusyTimeoutAndNormalSync() throws Exception {
        try (Database db = TestImages.database(home)) {
            Connection c = db.connection();
            assertThat(pragma(c, "foreign_keys")).isEqualTo(1);
            assertThat(pragma(c, "synchronous")).isEqualTo(1); // NORMAL
            assertThat((Integer) pragma(c, "busy_timeout")).isGreaterThanOrEqualTo(1000);
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(db.connection()).as("one connection per thread").isSameAs(c);

            Connection[] other = new Connection[1];
            Thread t = new Thread(() -> other[0] = db.connection());
            t.start();
            t.join();
            assertThat(other[0]).isNotNull().isNotSameAs(c);
            assertThat(pragma(other[0], "foreign_keys")).isEqualTo(1);
        }
    }

    @Test
    void reopeningIsIdempotent() throws Exception {
        String fp = TestImages.fp("reopen");
        try (Store store = Store.open(home)) {
            store.write((Tx tx) -> {
                tx.images().insert(TestImages.image(fp));
                tx.config().set("images.auto_update_interval", "6");
                return null;
            });
        }
        List<String> schemaBefore = schemaSql();
        for (int i = 0; i < 3; i++) {
            try (Store store = Store.open(home)) {
                assertThat(store.read((Tx tx) -> tx.images().fingerprints())).containsExactly(fp);
                assertThat(store.read((Tx tx) -> tx.config().get("images.auto_update_interval"))).contains("6");
            }
        }
        assertThat(schemaSql()).isEqualTo(schemaBefore);
        assertThat(TestImages.query(home, "PRAGMA user_version")).isEqualTo(Schema.LATEST);
    }

    @Test
    void twoStoresOnOneHomeInOneJvm() {
        try (Store a = Store.open(home); Store b = Store.open(home)) {
            a.write((Tx tx) -> {
                tx.config().set("k", "from a");
                return null;
            });
            assertThat(b.read((Tx tx) -> tx.config().get("k"))).contains("from a");
        }
    }

    @Test
    void newerSchemaIsRefusedWithAOneLineMessage() throws Exception {
        Store.open(home).close();
        TestImages.execute(home, "PRAGMA user_version = 99");
        int fdsBefore = openDescriptorsOn(home.resolve("imgsh.db"));

        assertThatThrownBy(() -> Store.open(home))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("99")
                .hasMessageContaining("upgrade")
                .hasMessageContaining(home.resolve("imgsh.db").toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        // The file is left as it was, and not held open by the refused store.
        assertThat(TestImages.query(home, "PRAGMA user_version")).isEqualTo(99);
        assertThat(openDescriptorsOn(home.resolve("imgsh.db"))).isEqualTo(fdsBefore);
    }

    private List<String> tables() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + home.resolve("imgsh.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private List<String> schemaSql() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + home.resolve("imgsh.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT type, name, sql FROM sqlite_schema ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return out;
    }

    private static Object pragma(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    /** How many of this process's file descriptors point at {@code file} (Linux /proc). */
    static int openDescriptorsOn(Path file) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        E2e.require(Files.isDirectory(fds), "/proc/self/fd, to count open descriptors, is missing");
        Path real = file.toRealPath();
        int n = 0;
        try (Stream<Path> s = Files.list(fds)) {
            for (Path fd : s.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).equals(real)) {
                        n++;
                    }
                } catch (IOException gone) {
                    // the descriptor used to list the directory, or one closed meanwhile
                }
            }
        }
        return n;
    }
}
