package io.imgsh.shell.command.instance;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "exec", description = "Run a command in a running instance; its exit status is imgsh's. Standard "
        + "input is passed on unless it is a terminal.")
public final class ExecCommand implements Callable<Integer> {
    private final Session session;

    @Completes(Kind.INSTANCE)
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Completes(Kind.TEXT)
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND")
    List<String> command;

    ExecCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        session.out().flush();
        return session.engine().instances().exec(name, command,
                session.stdinIsTerminal() ? null : session.in(), session.out(), session.err());
    }
}
