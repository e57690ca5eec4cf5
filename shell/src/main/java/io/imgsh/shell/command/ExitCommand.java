package io.imgsh.shell.command;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code exit [STATUS]}: leaves the prompt, or ends a script, with STATUS; {@link CommandRunner} sees it leave. */
@Command(name = "exit", aliases = "quit",
        description = "Leave the shell (also Ctrl-D), or end the script, with STATUS (default 0)")
public final class ExitCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Completes(Kind.TEXT)
    @Parameters(arity = "0..1", paramLabel = "STATUS", description = "Exit status, 0 to 255")
    int status;

    @Override
    public Integer call() {
        if (status < 0 || status > 255) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid exit status " + status + ": expected 0 to 255");
        }
        return status;
    }
}
