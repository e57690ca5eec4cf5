package io.imgsh.shell.command.instance;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "start", description = "Start instances")
public final class StartCommand implements Runnable {
    private final Session session;

    @Completes(Kind.INSTANCE)
    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    StartCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        names.forEach(session.engine().instances()::start);
    }
}
