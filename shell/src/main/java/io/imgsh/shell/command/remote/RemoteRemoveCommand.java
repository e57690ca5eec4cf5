package io.imgsh.shell.command.remote;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", aliases = "rm", description = "Remove remotes")
public final class RemoteRemoveCommand implements Runnable {
    private final Session session;

    @Completes(Kind.REMOTE)
    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    RemoteRemoveCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        if (session.isRemote() && names.contains(session.defaultRemote())) {
            throw new InvalidInputException("Can't remove the default remote"); // an SSH session's own default
        }
        names.forEach(session.engine().remotes()::remove);
    }
}
