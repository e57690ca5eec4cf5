package io.imgsh.shell.command.config;

import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.instance.Instance;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.render.YamlWriter;
import io.imgsh.shell.session.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The store's keys that are set, as LXD shows them, then the defaults in force for the rest as YAML comments; or an
 * instance's configuration as {@code lxc config show} prints it (imgsh has no devices, profiles or stateful
 * snapshots, so those are always empty).
 */
@Command(name = "show", description = "Show the store's configuration (keys set, then defaults of the others), or an"
        + " instance's")
public final class ConfigShowCommand implements Runnable {
    private final Session session;

    @Completes(Kind.INSTANCE)
    @Parameters(arity = "0..1", paramLabel = "INSTANCE")
    String instance;

    ConfigShowCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        if (instance != null) {
            session.out().print(YamlWriter.write(lxdView(session.engine().instances().get(instance))));
            return;
        }
        Map<String, Object> set = session.engine().config().asLxdShowsIt();
        StringBuilder out = new StringBuilder(YamlWriter.write(Map.of("config", set)));
        boolean header = false;
        for (ConfigKey key : ConfigKey.values()) {
            if (!set.containsKey(key.key())) {
                if (!header) {
                    out.append("# defaults in effect:\n");
                    header = true;
                }
                out.append("#   ").append(key.key()).append(": ").append(key.defaultValue()).append('\n');
            }
        }
        session.out().print(out);
    }

    private static Map<String, Object> lxdView(Instance instance) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("architecture", instance.architecture());
        view.put("config", new TreeMap<>(instance.config()));
        view.put("devices", new TreeMap<>());
        view.put("ephemeral", instance.ephemeral());
        view.put("profiles", List.of());
        view.put("stateful", false);
        view.put("description", "");
        return view;
    }
}
