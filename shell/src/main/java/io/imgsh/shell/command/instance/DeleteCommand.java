package io.imgsh.shell.command.instance;

import io.imgsh.engine.instance.InstanceRef;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", aliases = "rm", description = "Delete instances, or snapshots given as NAME/SNAPSHOT")
public final class DeleteCommand implements Runnable {
    private final Session session;

    @Completes(Kind.INSTANCE_OR_SNAPSHOT)
    @Parameters(arity = "1..*", paramLabel = "NAME[/SNAPSHOT]")
    List<String> names;

    @Option(names = {"-f", "--force"}, description = "Delete a running instance (it is killed first)")
    boolean force;

    DeleteCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        for (String name : names) {
            InstanceRef ref = InstanceRef.parse(name);
            if (ref.snapshot() == null) {
                session.engine().instances().delete(name, force);
            } else {
                session.engine().instances().deleteSnapshot(ref.name(), ref.snapshot());
            }
        }
    }
}
