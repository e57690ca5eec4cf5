package io.imgsh.shell.command.config;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Print the value in effect for a key (its default when unset)")
public final class ConfigGetCommand implements Runnable {
    private final Session session;

    @Completes(Kind.CONFIG_KEY)
    @Parameters(paramLabel = "KEY")
    String key;

    ConfigGetCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.out().println(session.engine().config().get(key));
    }
}
