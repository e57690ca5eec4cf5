package io.imgsh.shell.command.remote;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "switch", description = "Switch the default remote")
public final class RemoteSwitchCommand implements Runnable {
    private final Session session;

    @Completes(Kind.REMOTE)
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    RemoteSwitchCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.switchRemote(name);
    }
}
