package io.imgsh.shell.command.config;

import io.imgsh.engine.server.Trust;
import io.imgsh.shell.command.common.ListOptions;
import io.imgsh.shell.render.ListRenderer;
import io.imgsh.shell.render.LxdFormats;
import io.imgsh.shell.render.RowSorter;
import io.imgsh.shell.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The trusted certificates as {@code lxc config trust list} shows them; json and yaml as LXD's objects. */
@Command(name = "list", aliases = "ls", description = "List the trusted client certificates")
public final class TrustListCommand implements Runnable {
    static final List<String> HEADERS = List.of("TYPE", "NAME", "COMMON NAME", "FINGERPRINT", "ISSUE DATE",
            "EXPIRY DATE");

    private final Session session;

    @Mixin
    ListOptions listOptions;

    TrustListCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        List<Trust.Certificate> certificates = session.engine().trust().list();
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Trust.Certificate c : certificates) {
            rows.add(List.of(c.type(), c.name(), c.commonName(), c.fingerprint().substring(0, 12),
                    LxdFormats.listDate(c.issued()), LxdFormats.listDate(c.expires())));
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("name", c.name());
            object.put("type", c.type());
            object.put("restricted", false);
            object.put("projects", List.of());
            object.put("certificate", c.pem());
            object.put("fingerprint", c.fingerprint());
            objects.add(object);
        }
        RowSorter.sort(rows);
        ListRenderer.render(listOptions.format(), HEADERS, rows, objects, session.out());
    }
}
