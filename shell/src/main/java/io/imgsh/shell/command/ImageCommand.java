package io.imgsh.shell.command;

import io.imgsh.shell.command.common.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "image", description = "Manage images")
public final class ImageCommand extends GroupCommand {
}
