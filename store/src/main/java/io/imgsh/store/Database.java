package io.imgsh.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/** The SQLite file: one connection per thread, WAL, foreign keys, a busy timeout. */
final class Database implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 30_000;

    private final String url;
    private final SQLiteConfig config;
    private final ThreadLocal<Connection> perThread = new ThreadLocal<>();
    /** Every open connection and the thread it belongs to. */
    private final Map<Thread, Connection> opened = new HashMap<>();

    Database(Path file) {
        this.url = "jdbc:sqlite:" + file;
        this.config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try {
            Schema.upgrade(connection(), file.toString());
        } catch (SQLException e) {
            close();
            throw new StoreException("Cannot open the store database " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(); // a refused (newer) schema must not keep the file open
            throw e;
        }
    }

    Connection connection() {
        Connection c = perThread.get();
        if (c == null) {
            try {
                c = config.createConnection(url);
            } catch (SQLException e) {
                throw new StoreException("Cannot open the store database: " + e.getMessage(), e);
            }
            perThread.set(c);
            synchronized (opened) {
                opened.put(Thread.currentThread(), c);
                closeConnectionsOfDeadThreads();
            }
        }
        return c;
    }

    /**
     * A server that lets idle pool threads die would otherwise keep their connections (and file descriptors)
     * until the store is closed. Nobody else can use them: they were only ever handed to their own thread.
     */
    private void closeConnectionsOfDeadThreads() {
        for (Iterator<Map.Entry<Thread, Connection>> it = opened.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Thread, Connection> e = it.next();
            if (!e.getKey().isAlive()) {
                it.remove();
                closeQuietly(e.getValue());
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }

    <T> T transaction(boolean write, TxWork<T> work) {
        Connection c = connection();
        Tx tx = new Tx(c);
        try (Statement st = c.createStatement()) {
            st.execute(write ? "BEGIN IMMEDIATE" : "BEGIN");
            T result;
            try {
                result = work.run(tx);
                st.execute("COMMIT");
            } catch (Throwable e) {
                try {
                    st.execute("ROLLBACK");
                } catch (SQLException notActive) {
                    // SQLite may already have rolled back (e.g. SQLITE_FULL); keep the original failure
                    e.addSuppressed(notActive);
                }
                tx.rolledBack(e);
                throw e;
            }
            tx.committed();
            return result;
        } catch (SQLException e) {
            throw new StoreException("Store database error: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new StoreException("Store I/O error: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        synchronized (opened) {
            opened.values().forEach(Database::closeQuietly);
            opened.clear();
        }
    }
}
