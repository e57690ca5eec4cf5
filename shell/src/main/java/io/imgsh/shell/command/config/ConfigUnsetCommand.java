package io.imgsh.shell.command.config;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "unset", description = {"Unset a store key (back to its default), or an instance's key"
        + " (INSTANCE KEY).", ConfigTarget.RULE})
public final class ConfigUnsetCommand implements Runnable {
    private final Session session;

    @Spec
    CommandSpec spec;

    @Completes(Kind.CONFIG_TARGET)
    @Parameters(index = "0", paramLabel = "KEY|INSTANCE")
    String first;

    @Completes(Kind.INSTANCE_CONFIG_KEY)
    @Parameters(index = "1", arity = "0..1", paramLabel = "KEY")
    String key;

    ConfigUnsetCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        if (key == null) {
            session.engine().config().unset(first);
        } else if (ConfigTarget.isInstance(first)) {
            session.engine().instances().unsetConfig(first, key);
        } else {
            throw ConfigTarget.unexpected(spec, key);
        }
    }
}
