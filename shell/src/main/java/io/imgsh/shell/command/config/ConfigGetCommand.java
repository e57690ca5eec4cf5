package io.imgsh.shell.command.config;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", description = {"Print the value in effect for a store key (its default when unset), or an"
        + " instance's key (INSTANCE KEY; empty when unset).", ConfigTarget.RULE})
public final class ConfigGetCommand implements Runnable {
    private final Session session;

    @Spec
    CommandSpec spec;

    @Completes(Kind.CONFIG_TARGET)
    @Parameters(index = "0", paramLabel = "KEY|INSTANCE")
    String first;

    @Completes(Kind.INSTANCE_CONFIG_KEY)
    @Parameters(index = "1", arity = "0..1", paramLabel = "KEY")
    String key;

    ConfigGetCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        if (key == null) {
            session.out().println(session.engine().config().get(first));
        } else if (ConfigTarget.isInstance(first)) {
            session.out().println(session.engine().instances().get(first).config().getOrDefault(key, ""));
        } else {
            throw ConfigTarget.unexpected(spec, key);
        }
    }
}
