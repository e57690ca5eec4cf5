package io.imgsh.shell.command.instance;

import io.imgsh.engine.instance.Instance;
import io.imgsh.engine.instance.InstanceStatus;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.io.PrintStream;
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
        InstanceStatus status = session.engine().instances().status(name);
        Instance instance = status.instance();
        PrintStream out = session.out();
        out.println("Name: " + instance.name());
        out.println("Status: " + status.state());
        out.println("Type: container" + (instance.ephemeral() ? " (ephemeral)" : ""));
        out.println("Architecture: " + instance.architecture());
        out.println("Created: " + instance.createdAt());
        out.println("Base image: " + instance.baseImage());
        out.println("Privileged: " + instance.privileged());
        if (!status.snapshots().isEmpty()) {
            out.println();
            out.println("Snapshots:");
            status.snapshots().forEach(s -> out.println("  " + s));
        }
    }
}
