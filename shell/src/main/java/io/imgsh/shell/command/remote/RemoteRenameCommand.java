package io.imgsh.shell.command.remote;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rename", aliases = "mv", description = "Rename remotes")
public final class RemoteRenameCommand implements Runnable {
    private final Session session;

    @Completes(Kind.REMOTE)
    @Parameters(index = "0", paramLabel = "OLD")
    String name;

    @Completes(Kind.TEXT)
    @Parameters(index = "1", paramLabel = "NEW")
    String newName;

    RemoteRenameCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        boolean wasDefault = name.equals(session.defaultRemote());
        session.engine().remotes().rename(name, newName);
        if (wasDefault && session.isRemote()) {
            session.switchRemote(newName); // the stored default is renamed by the engine; an SSH session's is its own
        }
    }
}
