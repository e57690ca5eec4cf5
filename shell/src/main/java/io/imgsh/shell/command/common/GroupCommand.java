package io.imgsh.shell.command.common;

import picocli.CommandLine;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: run alone, it is a usage error that names them. */
public abstract class GroupCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand for '"
                + spec.qualifiedName().replaceFirst("^\\S* ", "") + "': one of "
                + String.join(", ", spec.subcommands().values().stream()
                        .map(CommandLine::getCommandName).distinct().toList()));
    }
}
