package io.imgsh.shell.command.remote;

import io.imgsh.engine.remote.Remote;
import io.imgsh.shell.command.common.ListOptions;
import io.imgsh.shell.render.ListRenderer;
import io.imgsh.shell.render.OutputFormat;
import io.imgsh.shell.render.RowSorter;
import io.imgsh.shell.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        ListRenderer.render(outputFormat, HEADERS, rows, asLxcConfig(remotes, outputFormat == OutputFormat.YAML),
                session.out());
    }

    /**
     * What lxc prints for json and yaml: its configuration's remotes, a Go map by name of its Remote struct, whose
     * YAML names and leaves out empty fields as its config.yml does, and whose JSON has every field by its Go name.
     * The local remote has no protocol there, and only a remote that authenticates by TLS has an auth type.
     */
    private static Map<String, Map<String, Object>> asLxcConfig(List<Remote> remotes, boolean yaml) {
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        for (Remote r : remotes) {
            boolean local = r.name().equals(Remote.LOCAL);
            String protocol = local ? "" : r.protocol();
            String authType = !local && r.protocol().equals(Remote.LXD) ? "tls" : "";
            Map<String, Object> fields = new LinkedHashMap<>();
            if (yaml) {
                fields.put("addr", r.url());
                if (!authType.isEmpty()) {
                    fields.put("auth_type", authType);
                }
                if (!protocol.isEmpty()) {
                    fields.put("protocol", protocol);
                }
                fields.put("public", r.isPublic());
            } else {
                fields.put("Addr", r.url());
                fields.put("AuthType", authType);
                fields.put("Domain", "");
                fields.put("Project", "");
                fields.put("Protocol", protocol);
                fields.put("Public", r.isPublic());
                fields.put("Global", false);
                fields.put("Static", r.isStatic());
            }
            byName.put(r.name(), fields);
        }
        return byName;
    }

    private static String yes(boolean b) {
        return b ? "YES" : "NO";
    }
}
