package io.imgsh.shell.command.instance;

import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "launch", description = "Create and start an instance from an image (a remote's image is cached in "
        + "the store)")
public final class LaunchCommand implements Runnable {
    private final Session session;

    @Mixin
    LaunchOptions options;

    LaunchCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        String name = InitCommand.create(session, options).instance().name();
        session.info("Starting " + name);
        session.engine().instances().start(name);
    }
}
