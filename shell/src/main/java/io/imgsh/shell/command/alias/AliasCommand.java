package io.imgsh.shell.command.alias;

import io.imgsh.shell.command.common.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "alias", description = "Manage image aliases")
public final class AliasCommand extends GroupCommand {
}
