package io.imgsh.shell.command.instance;

import io.imgsh.shell.command.common.ListOptions;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.render.InstanceColumns;
import io.imgsh.shell.render.ListRenderer;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", aliases = "ls", description = "List instances")
public final class ListCommand implements Runnable {
    private final Session session;

    @Completes(Kind.COLUMNS)
    @Option(names = {"-c", "--columns"}, paramLabel = "COLUMNS", defaultValue = InstanceColumns.DEFAULT,
            completionCandidates = InstanceColumns.Letters.class,
            description = "Columns: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String columns;

    @Mixin
    ListOptions listOptions;

    ListCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        ListRenderer.render(listOptions.format(), listOptions.columns(columns, InstanceColumns.ALL),
                session.engine().instances().list(), session.out());
    }
}
