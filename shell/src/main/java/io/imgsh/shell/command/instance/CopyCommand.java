package io.imgsh.shell.command.instance;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "copy", aliases = "cp", description = "Copy an instance or a snapshot to a new stopped instance "
        + "(its copy templates are applied)")
public final class CopyCommand implements Runnable {
    private final Session session;

    @Completes(Kind.INSTANCE_OR_SNAPSHOT)
    @Parameters(index = "0", paramLabel = "SOURCE[/SNAPSHOT]")
    String source;

    @Completes(Kind.TEXT)
    @Parameters(index = "1", paramLabel = "NAME")
    String target;

    CopyCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.engine().instances().copy(source, target);
    }
}
