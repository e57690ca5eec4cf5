package io.imgsh.shell.command.instance;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "snapshot", description = "Snapshot an instance (a running one is frozen meanwhile)")
public final class SnapshotCommand implements Runnable {
    private final Session session;

    @Completes(Kind.INSTANCE)
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Completes(Kind.TEXT)
    @Parameters(index = "1", arity = "0..1", paramLabel = "SNAPSHOT", description = "Snapshot name (default: snapN)")
    String snapshot;

    SnapshotCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.engine().instances().snapshot(name, snapshot);
    }
}
