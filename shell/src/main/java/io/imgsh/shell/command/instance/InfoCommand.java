package io.imgsh.shell.command.instance;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.render.InstanceInfoText;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "info", description = "Show an instance: state, image, snapshots")
public final class InfoCommand implements Runnable {
    private final Session session;

    @Completes(Kind.INSTANCE)
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    InfoCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.out().print(InstanceInfoText.of(session.engine().instances().status(name)));
    }
}
