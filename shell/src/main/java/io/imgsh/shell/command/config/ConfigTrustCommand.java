package io.imgsh.shell.command.config;

import io.imgsh.shell.command.common.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "trust", description = "Manage the client certificates that 'imgsh serve' trusts")
public final class ConfigTrustCommand extends GroupCommand {
}
