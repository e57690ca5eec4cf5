package io.imgsh.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The schema ladder: step N brings {@code PRAGMA user_version} from N-1 to N. */
final class Schema {
    private static final List<String> STEPS = List.of("001-initial.sql", "002-remotes.sql");

    static final int LATEST = STEPS.size();

    private Schema() {
    }

    static void upgrade(Connection connection, String where) throws SQLException {
        int current = version(connection);
        if (current == LATEST) {
            return;
        }
        checkKnown(current, where);
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try {
                current = version(connection);
                checkKnown(current, where);
                for (int step = current; step < LATEST; step++) {
                    for (String sql : statements(STEPS.get(step))) {
                        st.execute(sql);
                    }
                }
                st.execute("PRAGMA user_version = " + LATEST);
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                st.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static void checkKnown(int version, String where) {
        if (version > LATEST) {
            throw new StoreException("The store at " + where + " has schema version " + version
                    + ", newer than this imgsh supports (" + LATEST + "); upgrade imgsh");
        }
    }

    private static int version(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
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
