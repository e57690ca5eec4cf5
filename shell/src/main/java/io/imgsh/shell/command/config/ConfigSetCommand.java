package io.imgsh.shell.command.config;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "set", description = "Set a key")
public final class ConfigSetCommand implements Runnable {
    private final Session session;

    @Completes(Kind.CONFIG_KEY)
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Completes(Kind.CONFIG_VALUE)
    @Parameters(index = "1", paramLabel = "VALUE")
    String value;

    ConfigSetCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.engine().config().set(key, value);
    }
}
