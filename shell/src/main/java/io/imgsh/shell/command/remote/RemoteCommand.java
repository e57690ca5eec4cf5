package io.imgsh.shell.command.remote;

import io.imgsh.shell.command.common.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "remote", description = "Manage the list of remote servers")
public final class RemoteCommand extends GroupCommand {
}
