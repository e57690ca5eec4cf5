package io.imgsh.shell.command.remote;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "set-url", description = "Set the URL for the remote")
public final class RemoteSetUrlCommand implements Runnable {
    private final Session session;

    @Completes(Kind.REMOTE)
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Completes(Kind.TEXT)
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
