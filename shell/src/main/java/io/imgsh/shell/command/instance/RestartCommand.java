package io.imgsh.shell.command.instance;

import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "restart", description = "Stop, then start instances")
public final class RestartCommand implements Runnable {
    private final Session session;

    @Mixin
    ShutdownOptions options;

    RestartCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        options.names.forEach(n -> session.engine().instances().restart(n, options.force, options.timeout));
    }
}
