package io.imgsh.shell.command.remote;

import io.imgsh.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rename", aliases = "mv", description = "Rename remotes")
public final class RemoteRenameCommand implements Runnable {
    private final Session session;

    @Parameters(index = "0", paramLabel = "OLD")
    String name;

    @Parameters(index = "1", paramLabel = "NEW")
    String newName;

    RemoteRenameCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.engine().remotes().rename(name, newName);
    }
}
