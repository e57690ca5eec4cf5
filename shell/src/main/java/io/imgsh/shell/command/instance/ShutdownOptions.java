package io.imgsh.shell.command.instance;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code stop} and {@code restart} share: the instances, and how their shutdown is asked for. */
public final class ShutdownOptions {
    @Completes(Kind.INSTANCE)
    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    @Option(names = {"-f", "--force"}, description = "Kill the instance instead of asking init to shut down")
    boolean force;

    @Completes(Kind.TEXT)
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "-1",
            description = "Seconds to wait for the shutdown before killing the instance (default: -1, for ever)")
    int timeout;
}
