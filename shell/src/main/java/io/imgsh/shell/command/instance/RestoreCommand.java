package io.imgsh.shell.command.instance;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "restore", description = "Restore a stopped instance from one of its snapshots")
public final class RestoreCommand implements Runnable {
    private final Session session;

    @Completes(Kind.INSTANCE)
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Completes(Kind.SNAPSHOT)
    @Parameters(index = "1", paramLabel = "SNAPSHOT")
    String snapshot;

    RestoreCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.engine().instances().restore(name, snapshot);
    }
}
