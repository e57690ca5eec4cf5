package io.imgsh.shell.command.config;

import io.imgsh.engine.config.ConfigKey;
import io.imgsh.shell.render.YamlWriter;
import io.imgsh.shell.session.Session;
import java.util.Map;
import picocli.CommandLine.Command;

/** The keys that are set, as LXD shows them, then the defaults in force for the rest as YAML comments. */
@Command(name = "show", description = "Show the configuration (keys set, then defaults of the others)")
public final class ConfigShowCommand implements Runnable {
    private final Session session;

    ConfigShowCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
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
}
