package io.imgsh.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/** An open transaction and the repositories bound to it. */
public final class Tx {
    private final Connection connection;
    private final List<Runnable> onRollback = new ArrayList<>();
    private final List<Runnable> onCommit = new ArrayList<>();

    Tx(Connection connection) {
        this.connection = connection;
    }

    public ImageRepository images() {
        return new ImageRepository(connection);
    }

    public AliasRepository aliases() {
        return new AliasRepository(connection);
    }

    public ConfigRepository config() {
        return new ConfigRepository(connection);
    }

    public RemoteRepository remotes() {
        return new RemoteRepository(connection);
    }

    public CertificateRepository certificates() {
        return new CertificateRepository(connection);
    }

    public MirrorRepository mirrors() {
        return new MirrorRepository(connection);
    }

    public EventLog events() {
        return new EventLog(connection);
    }

    /** Undo a file-system step if the transaction does not commit. */
    void onRollback(Runnable undo) {
        onRollback.add(undo);
    }

    /** A file-system step that may only happen once the rows are gone for good. */
    void onCommit(Runnable action) {
        onCommit.add(action);
    }

    /** Runs every undo step, newest first; their failures are added to {@code cause}, which is what the caller sees. */
    void rolledBack(Throwable cause) {
        for (int i = onRollback.size() - 1; i >= 0; i--) {
            try {
                onRollback.get(i).run();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /**
     * Runs the after-commit steps. The transaction has committed, so their failure is not the caller's: what they
     * leave behind (files without a row) is removed by the next sweep.
     */
    void committed() {
        for (Runnable action : onCommit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // the logger is only asked for here: finding one searches every jar of the class path
                System.getLogger(Tx.class.getName()).log(System.Logger.Level.WARNING,
                        "after-commit clean-up failed, the next start sweeps what is left: " + e);
            }
        }
    }
}
