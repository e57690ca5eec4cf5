package io.imgsh.shell.completion;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code help} arguments: the subcommands of the command the words before name. */
final class CommandPaths implements ValueCompleter {
    @Override
    public void complete(Slot slot) {
        CommandSpec command = slot.commands().root();
        for (String word : slot.positionals()) {
            CommandLine sub = command.subcommands().get(word);
            if (sub == null) {
                return;
            }
            command = sub.getCommandSpec();
        }
        slot.commands().offer(command, slot.typed(), slot.out());
    }
}
