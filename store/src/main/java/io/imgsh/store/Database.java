package io.imgsh.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteJDBCLoader;

/**
 * The SQLite file: one connection per thread, WAL, foreign keys. Readers never wait for writers; a writer waits for
 * another one up to a bound (SQLite's busy handler retries until then) and is then told the store is busy.
 */
final class Database implements AutoCloseable {
    static final Duration DEFAULT_WRITE_WAIT = Duration.ofSeconds(30);
    static final String BUSY = "store busy (another imgsh is writing)";

    private final Path file;
    private final String url;
    private final int waitMillis;
    private final SQLiteConfig config;
    private final ThreadLocal<Connection> perThread = new ThreadLocal<>();
    /** Every open connection and the thread it belongs to. */
    private final Map<Thread, Connection> opened = new HashMap<>();

    /**
     * Opens the database, refusing one that is not imgsh's; creates the schema only if {@code mayCreate} (the
     * store's directory is blank). Takes the write lock only when the schema needs creating or upgrading.
     */
    Database(Path file, Duration writeWait, boolean mayCreate) {
        this.file = file;
        this.url = "jdbc:sqlite:" + file;
        this.waitMillis = (int) Math.min(Integer.MAX_VALUE, writeWait.toMillis());
        Driver.load();
        this.config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(waitMillis);
        try {
            if (checkedVersion(mayCreate) < Schema.LATEST) {
                Schema.upgrade(connection(), file, mayCreate);
            }
        } catch (SQLException e) {
            close();
            throw failure(e, "Cannot open the store database " + file);
        } catch (RuntimeException e) {
            close(); // a refused database must not be kept open
            throw e;
        }
    }

    /**
     * Loads SQLite's native library and the classes of its configuration, as the first connection would, when the
     * library is at hand ({@code org.sqlite.lib.path}, as the launcher sets it): unpacking it from the jar, which
     * sqlite-jdbc does otherwise, is left to a command that opens a store. Nothing is opened; a failure is left for
     * the first connection to report. A store opened meanwhile waits for it to finish (see {@link Driver}).
     */
    static void preload() {
        if (System.getProperty("org.sqlite.lib.path") != null) {
            Driver.load();
        }
    }

    /**
     * SQLite's driver, loaded by the first thread that asks while any other waits, as for the initialisation of any
     * class. Two threads loading it at once would both set up SLF4J, which the driver logs through; the second would
     * be handed stand-in loggers, whose classes are not in the start-up cache and are looked for through every jar.
     */
    private static final class Driver {
        static {
            try {
                new SQLiteConfig();
                SQLiteJDBCLoader.initialize();
            } catch (Exception | LinkageError e) {
                // the first connection fails the same way and says why
            }
        }

        static void load() {
            // loading is this class's initialisation, done once
        }
    }

    /**
     * Reads the schema version through a connection that sets nothing: the WAL setting of the others would
     * already write to a blank file, which is only ours to change once it is known to be a store being created.
     */
    private int checkedVersion(boolean mayCreate) throws SQLException {
        SQLiteConfig plain = new SQLiteConfig();
        plain.setBusyTimeout(waitMillis);
        try (Connection c = plain.createConnection(url)) {
            return Schema.check(c, file, mayCreate);
        }
    }

    Connection connection() {
        Connection c = perThread.get();
        if (c == null) {
            try {
                c = config.createConnection(url);
            } catch (SQLException e) {
                throw failure(e, "Cannot open the store database " + file);
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

    /** Runs {@code work} in a read ({@code BEGIN}) or write ({@code BEGIN IMMEDIATE}) transaction. */
    <T> T transaction(boolean write, TxWork<T> work) {
        Connection c = connection();
        try {
            execute(c, write ? "BEGIN IMMEDIATE" : "BEGIN");
        } catch (SQLException e) {
            throw failure(e, "Store database error");
        }
        return inTransaction(c, work);
    }

    /**
     * Runs {@code work}, which makes one statement, without a transaction of its own: SQLite runs a statement alone
     * in one. A lookup so spares a BEGIN and a COMMIT (a script's every line looks up the default remote).
     */
    <T> T statement(TxWork<T> work) {
        try {
            return work.run(new Tx(connection()));
        } catch (SQLException | IOException e) {
            throw failure(e);
        }
    }

    /** Runs {@code work} in a write transaction if no other connection is writing right now; returns whether it ran. */
    boolean tryWrite(TxWork<?> work) {
        Connection c = connection();
        try {
            SQLiteConnection sqlite = c.unwrap(SQLiteConnection.class);
            sqlite.setBusyTimeout(0);
            try {
                execute(c, "BEGIN IMMEDIATE");
            } catch (SQLException e) {
                if (primaryCode(e) == SQLiteErrorCode.SQLITE_BUSY.code) {
                    return false;
                }
                throw e;
            } finally {
                sqlite.setBusyTimeout(waitMillis);
            }
        } catch (SQLException e) {
            throw failure(e, "Store database error");
        }
        inTransaction(c, work);
        return true;
    }

    private <T> T inTransaction(Connection c, TxWork<T> work) {
        Tx tx = new Tx(c);
        T result;
        try {
            try {
                result = work.run(tx);
                execute(c, "COMMIT");
            } catch (Throwable e) {
                // Undo the file-system steps while this transaction still holds the write lock: once it is
                // released, another writer may put the same files in place, and the undo would remove those.
                tx.rolledBack(e);
                try {
                    execute(c, "ROLLBACK");
                } catch (SQLException notActive) {
                    // SQLite may already have rolled back (e.g. SQLITE_FULL); keep the original failure
                    e.addSuppressed(notActive);
                }
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw failure(e);
        }
        tx.committed();
        return result;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** What a user reads for a failure of the work of a transaction or statement. */
    private StoreException failure(Exception e) {
        return e instanceof SQLException sql ? failure(sql, "Store database error")
                : new StoreException("Store I/O error: " + e.getMessage(), e);
    }

    /** What a user reads for a failure of SQLite: no raw result codes for a busy or a damaged database. */
    private StoreException failure(SQLException e, String context) {
        int code = primaryCode(e);
        if (code == SQLiteErrorCode.SQLITE_BUSY.code) {
            return new StoreException(BUSY, e);
        }
        if (code == SQLiteErrorCode.SQLITE_NOTADB.code || code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            String what = code == SQLiteErrorCode.SQLITE_NOTADB.code ? "it is not an SQLite database"
                    : "SQLite finds it malformed";
            return new StoreException("The store database " + file + " is damaged: " + what
                    + "; it was left as it is (restore it from a backup)", e);
        }
        if ((code == SQLiteErrorCode.SQLITE_CANTOPEN.code || code == SQLiteErrorCode.SQLITE_READONLY.code)
                && !Files.isWritable(file.toAbsolutePath().getParent())) {
            // a WAL database needs its -wal and -shm files beside it, even to be read
            return new StoreException(context + ": the store directory " + file.toAbsolutePath().getParent()
                    + " is not writable (a store must be, even to be read)", e);
        }
        return new StoreException(context + ": " + e.getMessage(), e);
    }

    /** The primary result code (extended codes carry it in their low byte). */
    private static int primaryCode(SQLException e) {
        return e.getErrorCode() & 0xff;
    }

    @Override
    public void close() {
        synchronized (opened) {
            opened.values().forEach(Database::closeQuietly);
            opened.clear();
        }
    }
}
