package io.imgsh.shell.command;

import io.imgsh.shell.command.common.GroupCommand;
import io.imgsh.shell.command.config.ConfigGetCommand;
import io.imgsh.shell.command.config.ConfigSetCommand;
import io.imgsh.shell.command.config.ConfigShowCommand;
import io.imgsh.shell.command.config.ConfigTrustCommand;
import io.imgsh.shell.command.config.ConfigUnsetCommand;
import picocli.CommandLine.Command;

@Command(name = "config", description = "Manage the store configuration",
        subcommands = {ConfigGetCommand.class, ConfigSetCommand.class, ConfigUnsetCommand.class,
                ConfigShowCommand.class, ConfigTrustCommand.class})
public final class ConfigCommand extends GroupCommand {
}
