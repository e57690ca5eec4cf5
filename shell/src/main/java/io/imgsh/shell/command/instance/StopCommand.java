package io.imgsh.shell.command.instance;

import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "stop", description = "Stop instances (an ephemeral one is deleted)")
public final class StopCommand implements Runnable {
    private final Session session;

    @Mixin
    ShutdownOptions options;

    StopCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        options.names.forEach(n -> session.engine().instances().stop(n, options.force, options.timeout));
    }
}
