package io.imgsh.shell.command.instance;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stop", description = "Stop instances (an ephemeral one is deleted)")
public final class StopCommand implements Runnable {
    private final Session session;

    @Completes(Kind.INSTANCE)
    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    @Option(names = {"-f", "--force"}, description = "Kill the instance instead of asking init to shut down")
    boolean force;

    @Completes(Kind.TEXT)
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "-1",
            description = "Seconds to wait for the shutdown before killing the instance (default: -1, for ever)")
    int timeout;

    StopCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        names.forEach(n -> session.engine().instances().stop(n, force, timeout));
    }
}
