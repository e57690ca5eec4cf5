package io.imgsh.shell.command;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code help [command…]}: the usage picocli renders from a command's declaration, as {@code command --help} shows
 * it; with no command, the list of commands.
 */
@Command(name = "help", description = "Show how to use a command (help image list), or list the commands")
public final class HelpCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Completes(Kind.COMMAND_PATH)
    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command and subcommands, e.g. image list")
    List<String> words = new ArrayList<>();

    @Override
    public void run() {
        CommandLine target = spec.root().commandLine();
        for (String word : words) {
            CommandLine sub = target.getSubcommands().get(word);
            if (sub == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Unknown command \""
                        + String.join(" ", words) + "\"; type help for the list of commands");
            }
            target = sub;
        }
        PrintWriter out = spec.commandLine().getOut();
        CommandSpec shown = target.getCommandSpec();
        if (shown == spec.root() && shown.name().isEmpty()) {
            // the prompt's root has no name and no synopsis of its own: list what can be typed
            CommandLine.Help help = target.getHelp();
            out.print("Commands:\n" + help.commandList());
            out.print(help.footer());
        } else {
            target.usage(out);
        }
        out.flush();
    }

    /**
     * Makes the usage of every command under a root without a name (the prompt's) read {@code Usage: image list …}
     * rather than picocli's {@code Usage:  image list …}, whose synopsis starts with the empty root name and a space.
     */
    public static void tidyUsage(CommandLine root) {
        if (!root.getCommandName().isEmpty()) {
            return;
        }
        Deque<CommandLine> pending = new ArrayDeque<>(root.getSubcommands().values());
        Set<CommandLine> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            CommandLine command = pending.pop();
            if (!seen.add(command)) {
                continue;
            }
            Map<String, CommandLine.IHelpSectionRenderer> sections = command.getHelpSectionMap();
            CommandLine.IHelpSectionRenderer synopsis = sections.get(UsageMessageSpec.SECTION_KEY_SYNOPSIS);
            if (synopsis != null) {
                sections.put(UsageMessageSpec.SECTION_KEY_SYNOPSIS,
                        help -> synopsis.render(help).replaceFirst("^ ", ""));
                command.setHelpSectionMap(sections);
            }
            pending.addAll(command.getSubcommands().values());
        }
    }
}
