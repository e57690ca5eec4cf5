package io.imgsh.shell.command;

import io.imgsh.shell.command.common.GroupCommand;
import picocli.CommandLine.Command;

/**
 * The root of one line typed at the prompt or read from a script, without the one-shot command line's options
 * ({@link CommandRunner#forLines}, {@link CommandRunner#forScript}).
 */
@Command(name = "",
        footer = {"", "Type help <command> (or <command> --help) for its options, e.g. help image list. "
                + "At the prompt, Tab completes, Ctrl-C stops a running command, exit or Ctrl-D leaves. "
                + "Exit status: 0 success, 1 failure, 2 usage error (unknown command or flag, bad argument)."})
public final class LineCommand extends GroupCommand {
}
