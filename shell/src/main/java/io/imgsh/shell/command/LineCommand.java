package io.imgsh.shell.command;

import picocli.CommandLine.Command;

/** The root of one line typed at the prompt or read from a script. */
@Command(name = "", subcommands = {ImageCommand.class, ConfigCommand.class})
public final class LineCommand extends GroupCommand {
}
