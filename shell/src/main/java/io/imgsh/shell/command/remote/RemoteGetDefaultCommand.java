package io.imgsh.shell.command.remote;

import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;

@Command(name = "get-default", description = "Show the default remote")
public final class RemoteGetDefaultCommand implements Runnable {
    private final Session session;

    RemoteGetDefaultCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.out().println(session.defaultRemote());
    }
}
