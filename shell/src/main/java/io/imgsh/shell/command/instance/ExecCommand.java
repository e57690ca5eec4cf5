package io.imgsh.shell.command.instance;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import io.imgsh.shell.session.Terminals;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "exec", description = "Run a command in a running instance; its exit status is imgsh's. On imgsh's "
        + "own terminal the command gets a terminal; otherwise standard input and output are streamed.")
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
        boolean ownTerminal = session.in() == System.in && session.out() == System.out
                && Terminals.isTerminal(Terminals.STDOUT);
        if (session.stdinIsTerminal() && ownTerminal) {
            return session.engine().instances().execOnTerminal(name, command);
        }
        return session.engine().instances().exec(name, command,
                session.stdinIsTerminal() ? null : session.in(), session.out(), session.err());
    }
}
