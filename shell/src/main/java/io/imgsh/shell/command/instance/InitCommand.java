package io.imgsh.shell.command.instance;

import io.imgsh.engine.instance.Created;
import io.imgsh.shell.progress.ProgressDisplay;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "init", aliases = "create", description = "Create an instance from an image (a remote's image is "
        + "cached in the store)")
public final class InitCommand implements Runnable {
    private final Session session;

    @Mixin
    LaunchOptions options;

    InitCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        create(session, options);
    }

    static Created create(Session session, LaunchOptions options) {
        if (options.name != null) {
            session.info("Creating " + options.name);
        }
        Created created;
        try (ProgressDisplay progress = ProgressDisplay.forCommand(session, "Retrieving image")) {
            created = session.engine().instances().create(options.request(session), progress);
        }
        if (options.name == null) {
            session.info("Instance name is: " + created.instance().name());
        }
        return created;
    }
}
