package io.imgsh.shell.command;

import java.util.List;
import java.util.Objects;
import picocli.CommandLine;

/**
 * A usage error in the words an LXD admin expects: {@code Unknown command "lst" (did you mean "list"?)} or
 * {@code Unknown flag "--bogus"} rather than picocli's "Unmatched argument at index 1", with the usage line of the
 * command it was typed to.
 */
record UsageError(String message, String usage) {

    static UsageError of(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            CommandLine command = unmatched.getCommandLine();
            String word = unmatched.getUnmatched().get(0);
            if (word.startsWith("-") && word.length() > 1) {
                String flag = word.replaceFirst("=.*", "");
                return new UsageError("Unknown flag \"" + flag + "\"" + suggestion(flag,
                        unmatched.getSuggestions()), usage(command));
            }
            if (!command.getSubcommands().isEmpty()) {
                List<String> names = unmatched.getSuggestions().stream()
                        .map(name -> command.getSubcommands().get(name))
                        .filter(Objects::nonNull)
                        .map(CommandLine::getCommandName) // list, not its alias ls
                        .toList();
                return new UsageError("Unknown command \"" + word + "\"" + suggestion(word, names), usage(command));
            }
            return new UsageError("Unexpected argument \"" + word + "\"", usage(command));
        }
        if (ex.getCause() instanceof Converters.BadValue badValue) {
            return new UsageError(badValue.getMessage(), null);
        }
        return new UsageError(CommandRunner.oneLine(ex.getMessage()), null);
    }

    /**
     * Picocli's closest candidate, when it looks like a slip of the fingers: it starts as the typed word does (so
     * that {@code nosuchcommand} suggests nothing rather than {@code copy}).
     */
    private static String suggestion(String typed, List<String> suggestions) {
        String word = typed.replaceFirst("^-+", "");
        return suggestions.stream()
                .filter(s -> !word.isEmpty() && s.replaceFirst("^-+", "").startsWith(word.substring(0, 1)))
                .findFirst().map(s -> " (did you mean \"" + s + "\"?)").orElse("");
    }

    /** {@code Usage: image list [-h] …}; at the prompt's root, which has no synopsis, where to find the commands. */
    private static String usage(CommandLine command) {
        if (command.getCommandName().isEmpty()) {
            return "Type help for the list of commands";
        }
        String synopsis = command.getHelp().synopsis(0).strip().replaceAll("\\s+", " ");
        return "Usage: " + synopsis;
    }
}
