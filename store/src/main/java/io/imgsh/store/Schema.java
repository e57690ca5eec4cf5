package io.imgsh.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema ladder: step N brings {@code PRAGMA user_version} from N-1 to N. A database is imgsh's if it has a
 * version and imgsh's tables; a blank one (no version, no tables) is only filled in where the store is being
 * created.
 */
final class Schema {
    private static final List<String> STEPS = List.of("001-initial.sql", "002-remotes.sql",
            "003-certificates.sql", "004-mirrors.sql");
    /** Tables every version of the schema has: together they tell imgsh's database from another program's. */
    private static final List<String> IMGSH_TABLES = List.of("images", "image_aliases", "events");

    static final int LATEST = STEPS.size();

    private Schema() {
    }

    /**
     * The schema version of the database, refusing one that is not imgsh's, is newer than this imgsh, or is blank
     * where the store is not being created ({@code mayCreate}). Only reads.
     */
    static int check(Connection connection, Path file, boolean mayCreate) throws SQLException {
        int version = version(connection);
        List<String> tables = tables(connection);
        if (version == 0 && tables.isEmpty()) {
            if (!mayCreate) {
                throw new StoreException("The store database " + file + " is damaged: it is empty, but "
                        + file.getParent() + " holds images or other files; nothing was changed (restore "
                        + file.getFileName() + " from a backup)");
            }
            return 0;
        }
        if (version == 0 || !tables.containsAll(IMGSH_TABLES)) {
            throw StoreDirectory.notAStore(file.getParent(),
                    file.getFileName() + " is another program's database (tables: " + String.join(", ", tables) + ")");
        }
        if (version > LATEST) {
            throw new StoreException("The store at " + file + " has schema version " + version
                    + ", newer than this imgsh supports (" + LATEST + "); upgrade imgsh");
        }
        return version;
    }

    /** Brings the database to {@link #LATEST}, holding the write lock; checks again under it. */
    static void upgrade(Connection connection, Path file, boolean mayCreate) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try {
                int found = check(connection, file, mayCreate); // another process may have upgraded meanwhile
                for (int step = found; step < LATEST; step++) {
                    for (String sql : statements(STEPS.get(step))) {
                        st.execute(sql);
                    }
                }
                if (found < LATEST) {
                    st.execute("PRAGMA user_version = " + LATEST);
                }
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                st.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static int version(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                             + " ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String[] statements(String resource) {
        try (InputStream in = Schema.class.getResourceAsStream("schema/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).split(";\\s*\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
