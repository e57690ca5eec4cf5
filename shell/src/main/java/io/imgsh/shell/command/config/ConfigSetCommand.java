package io.imgsh.shell.command.config;

import io.imgsh.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "set", description = "Set a key")
public final class ConfigSetCommand implements Runnable {
    private final Session session;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

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
