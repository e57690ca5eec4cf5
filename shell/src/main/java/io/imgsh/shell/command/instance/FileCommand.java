package io.imgsh.shell.command.instance;

import io.imgsh.shell.command.common.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "file", description = "Copy files into and out of instances")
public final class FileCommand extends GroupCommand {
}
