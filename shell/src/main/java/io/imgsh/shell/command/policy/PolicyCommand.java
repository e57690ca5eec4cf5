package io.imgsh.shell.command.policy;

import io.imgsh.shell.command.common.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "policy", description = "Run the image caching policy (expiry and auto-update)")
public final class PolicyCommand extends GroupCommand {
}
