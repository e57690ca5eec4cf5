package io.imgsh.shell.command.config;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "unset", description = "Unset a key (back to its default)")
public final class ConfigUnsetCommand implements Runnable {
    private final Session session;

    @Completes(Kind.CONFIG_KEY)
    @Parameters(paramLabel = "KEY")
    String key;

    ConfigUnsetCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.engine().config().unset(key);
    }
}
