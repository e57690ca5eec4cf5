package io.imgsh.shell.command.remote;

import io.imgsh.shell.command.common.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "remote", description = "Manage the list of remote servers",
        subcommands = {RemoteAddCommand.class, RemoteListCommand.class, RemoteRemoveCommand.class,
                RemoteRenameCommand.class, RemoteSetUrlCommand.class, RemoteSwitchCommand.class,
                RemoteGetDefaultCommand.class})
public final class RemoteCommand extends GroupCommand {
}
