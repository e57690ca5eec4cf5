package io.imgsh.shell.command.instance;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", aliases = "rm", description = "Delete instances")
public final class DeleteCommand implements Runnable {
    private final Session session;

    @Completes(Kind.INSTANCE)
    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    @Option(names = {"-f", "--force"}, description = "Delete a running instance (it is killed first)")
    boolean force;

    DeleteCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        names.forEach(n -> session.engine().instances().delete(n, force));
    }
}
