package io.imgsh.shell.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The names a command word can take: a command's subcommands, and at the root the prompt's own words. */
final class CommandNames {
    private final CommandSpec root;
    private final Map<String, String> builtins;

    /**
     * @param root     the command tree the prompt runs (its root)
     * @param builtins words the prompt itself handles at the start of a line, with their descriptions
     */
    CommandNames(CommandSpec root, Map<String, String> builtins) {
        this.root = root;
        this.builtins = Map.copyOf(builtins);
    }

    CommandSpec root() {
        return root;
    }

    /**
     * The subcommands of {@code command} that start with {@code typed} (an alias such as {@code ls} only when no
     * full name fits), and the prompt's words when {@code command} is the root.
     */
    void offer(CommandSpec command, String typed, List<Candidate> out) {
        List<Map.Entry<String, CommandLine>> aliases = new ArrayList<>();
        boolean any = false;
        for (Map.Entry<String, CommandLine> e : command.subcommands().entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            if (sub.usageMessage().hidden()) {
                continue;
            }
            if (!e.getKey().equals(sub.name())) {
                aliases.add(e);
            } else if (e.getKey().startsWith(typed)) {
                out.add(candidate(e.getKey(), Descriptions.of(sub)));
                any = true;
            }
        }
        if (!any) {
            for (Map.Entry<String, CommandLine> e : aliases) {
                if (e.getKey().startsWith(typed)) {
                    CommandSpec sub = e.getValue().getCommandSpec();
                    out.add(candidate(e.getKey(), "same as " + sub.name() + ": " + Descriptions.of(sub)));
                }
            }
        }
        if (command == root) {
            builtins.forEach((name, descr) -> {
                if (name.startsWith(typed)) {
                    out.add(candidate(name, descr));
                }
            });
        }
    }

    private static Candidate candidate(String name, String descr) {
        return new Candidate(name, name, Groups.COMMANDS, descr, null, null, true);
    }
}
