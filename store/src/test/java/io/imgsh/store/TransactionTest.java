package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransactionTest extends StoreTestBase {
    private String config(String key) {
        return store.read((Tx tx) -> tx.config().get(key)).orElse(null);
    }

    @Test
    void failuresOfTheWorkAreReportedAndRollBack() {
        IllegalArgumentException runtime = new IllegalArgumentException("runtime");
        assertThatThrownBy(() -> store.write((Tx tx) -> {
            tx.config().set("a", "1");
            throw runtime;
        })).isSameAs(runtime);
        assertThatThrownBy(() -> store.write((Tx tx) -> {
            tx.config().set("a", "1");
            throw new SQLException("sql");
        })).isInstanceOf(StoreException.class).hasMessageContaining("sql").hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> store.write((Tx tx) -> {
            tx.config().set("a", "1");
            throw new IOException("disk");
        })).isInstanceOf(StoreException.class).hasMessageContaining("disk").hasCauseInstanceOf(IOException.class);
        assertThat(config("a")).isNull();
        // the thread's connection is usable afterwards
        store.write((Tx tx) -> {
            tx.config().set("a", "2");
            return null;
        });
        assertThat(config("a")).isEqualTo("2");
    }

    private static <T> T await(Future<T> result) {
        try {
            return result.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSingleLookupSeesWhatIsCommittedOnlyAndReportsFailuresAsReadDoes() throws Exception {
        store.write((Tx tx) -> {
            tx.config().set("a", "1");
            return null;
        });
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // another connection's write in progress is not seen, nor waited for
            store.write((Tx tx) -> {
                tx.config().set("a", "2");
                assertThat(await(other.submit(() -> store.readOne((Tx t) -> t.config().get("a"))))).contains("1");
                return null;
            });
            assertThat(other.submit(() -> store.readOne((Tx t) -> t.config().get("a"))).get()).contains("2");
        } finally {
            other.shutdownNow();
        }
        assertThatThrownBy(() -> store.readOne((Tx tx) -> {
            throw new SQLException("sql");
        })).isInstanceOf(StoreException.class).hasMessageContaining("sql").hasCauseInstanceOf(SQLException.class);
        // no transaction was left open on this thread's connection
        store.write((Tx tx) -> {
            tx.config().set("a", "3");
            return null;
        });
        assertThat(store.readOne((Tx tx) -> tx.config().get("a"))).contains("3");
    }

    @Test
    void aFailingUndoStepDoesNotHideTheOriginalFailureNorStopOtherUndoSteps() {
        List<String> undone = new ArrayList<>();
        IllegalStateException original = new IllegalStateException("original");
        assertThatThrownBy(() -> store.write((Tx tx) -> {
            tx.onRollback(() -> undone.add("first"));
            tx.onRollback(() -> {
                throw new UncheckedIOException(new IOException("undo failed"));
            });
            tx.onRollback(() -> undone.add("third"));
            throw original;
        })).isSameAs(original);
        assertThat(undone).containsExactly("third", "first");
        assertThat(original.getSuppressed()).hasSize(1);
        assertThat(original.getSuppressed()[0]).hasMessageContaining("undo failed");
    }

    @Test
    void undoStepsRunWhileTheWriteLockIsStillHeld() {
        List<String> otherWriter = new ArrayList<>();
        IllegalStateException failure = new IllegalStateException("fails");
        assertThatThrownBy(() -> store.write((Tx tx) -> {
            tx.onRollback(() -> otherWriter.add(tryWriteElsewhere()));
            throw failure;
        })).isSameAs(failure);
        assertThat(otherWriter).as("another writer during the undo").containsExactly("busy");
        assertThat(tryWriteElsewhere()).isEqualTo("written");
    }

    /** Whether a plain connection (another writer) gets the write lock at once. */
    private String tryWriteElsewhere() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("imgsh.db"));
             Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 0");
            try {
                st.execute("BEGIN IMMEDIATE");
            } catch (SQLException e) {
                if (e.getErrorCode() != 5) { // SQLITE_BUSY
                    throw e;
                }
                return "busy";
            }
            st.execute("ROLLBACK");
            return "written";
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailingAfterCommitStepDoesNotTurnACommitIntoAnError() {
        List<String> ran = new ArrayList<>();
        String result = store.write((Tx tx) -> {
            tx.config().set("committed", "yes");
            tx.onCommit(() -> {
                throw new UncheckedIOException(new IOException("clean-up failed"));
            });
            tx.onCommit(() -> ran.add("next"));
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(ran).containsExactly("next");
        assertThat(config("committed")).isEqualTo("yes");
    }

    @Test
    void aNestedWriteOnTheSameThreadFailsAndTheOuterRollsBack() {
        assertThatThrownBy(() -> store.write((Tx outer) -> {
            outer.config().set("outer", "1");
            return store.write((Tx inner) -> null);
        })).isInstanceOf(StoreException.class).hasMessageContaining("transaction");
        assertThat(config("outer")).isNull();
        store.write((Tx tx) -> {
            tx.config().set("after", "1");
            return null;
        });
        assertThat(config("after")).isEqualTo("1");
    }

    @Test
    void connectionsOfThreadsThatEndedAreClosed() throws Exception {
        Path db = home.resolve("imgsh.db");
        int before = SchemaTest.openDescriptorsOn(db);
        for (int i = 0; i < 20; i++) {
            Thread t = new Thread(() -> store.read((Tx tx) -> tx.config().all()));
            t.start();
            t.join();
        }
        // The next thread that opens a connection closes those of the dead threads.
        Thread last = new Thread(() -> store.read((Tx tx) -> tx.config().all()));
        last.start();
        last.join();
        assertThat(SchemaTest.openDescriptorsOn(db)).isLessThanOrEqualTo(before + 2);
        // and the store still works on every thread
        store.write((Tx tx) -> {
            tx.config().set("still", "fine");
            return null;
        });
        assertThat(java.util.concurrent.CompletableFuture.supplyAsync(() -> config("still")).get())
                .isEqualTo("fine");
    }

    @Test
    void writesFromManyThreadsAreSerializedWithoutLostUpdates() throws Exception {
        store.write((Tx tx) -> {
            tx.config().set("counter", "0");
            return null;
        });
        int threads = 4;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        store.write((Tx tx) -> {
                            int n = Integer.parseInt(tx.config().get("counter").orElseThrow());
                            Thread.yield();
                            tx.config().set("counter", Integer.toString(n + 1));
                            return null;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(config("counter")).isEqualTo(Integer.toString(threads * each));
    }
}
