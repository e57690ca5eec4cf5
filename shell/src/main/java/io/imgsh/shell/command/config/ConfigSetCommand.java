package io.imgsh.shell.command.config;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "set", description = {"Set a store key (KEY VALUE), or an instance's keys (INSTANCE KEY=VALUE…, or"
        + " INSTANCE KEY VALUE): security.privileged (refused while the instance runs; its rootfs ids are shifted"
        + " anew), raw.lxc (used from the next start), user.*.", ConfigTarget.RULE})
public final class ConfigSetCommand implements Runnable {
    private final Session session;

    @Spec
    CommandSpec spec;

    @Completes(Kind.CONFIG_TARGET)
    @Parameters(index = "0", paramLabel = "KEY|INSTANCE")
    String first;

    @Completes(Kind.CONFIG_SETTING)
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "VALUE|KEY=VALUE")
    List<String> rest;

    ConfigSetCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        if (ConfigTarget.isInstance(first)) {
            session.engine().instances().setConfig(first, ConfigTarget.settings(rest, spec));
        } else if (rest.size() == 1) {
            session.engine().config().set(first, rest.get(0));
        } else {
            throw ConfigTarget.unexpected(spec, rest.get(1));
        }
    }
}
