package io.imgsh.shell.command.remote;

import io.imgsh.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "set-url", description = "Set the URL for the remote")
public final class RemoteSetUrlCommand implements Runnable {
    private final Session session;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "URL")
    String url;

    RemoteSetUrlCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.engine().remotes().setUrl(name, url);
    }
}
