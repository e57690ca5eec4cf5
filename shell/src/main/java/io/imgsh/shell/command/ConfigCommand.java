package io.imgsh.shell.command;

import io.imgsh.shell.command.common.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "config", description = "Manage the store configuration")
public final class ConfigCommand extends GroupCommand {
}
