package io.imgsh.shell.command.remote;

import io.imgsh.engine.remote.Remote;
import io.imgsh.shell.command.common.ListOptions;
import io.imgsh.shell.render.ListRenderer;
import io.imgsh.shell.render.OutputFormat;
import io.imgsh.shell.render.RowSorter;
import io.imgsh.shell.session.Session;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", aliases = "ls", description = "List the available remotes")
public final class RemoteListCommand implements Runnable {
    static final List<String> HEADERS = List.of("NAME", "URL", "PROTOCOL", "AUTH TYPE", "PUBLIC", "STATIC",
            "GLOBAL");

    private final Session session;

    @Mixin
    ListOptions listOptions;

    RemoteListCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        OutputFormat outputFormat = listOptions.format();
        String current = session.defaultRemote();
        List<Remote> remotes = session.engine().remotes().list();
        List<List<String>> rows = new ArrayList<>();
        for (Remote r : remotes) {
            rows.add(List.of(r.name().equals(current) ? r.name() + " (current)" : r.name(), r.url(), r.protocol(),
                    r.authType(), yes(r.isPublic()), yes(r.isStatic()), "NO"));
        }
        RowSorter.sort(rows);
        ListRenderer.render(outputFormat, HEADERS, rows, remotes, session.out());
    }

    private static String yes(boolean b) {
        return b ? "YES" : "NO";
    }
}
