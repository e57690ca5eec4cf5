package io.imgsh.shell.completion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Completes prompt lines from the picocli declarations of the command tree (the same tree that runs them): finds
 * where the words before the cursor leave the parse, then offers subcommands, options, or what the argument at
 * that position declares it completes ({@link Completes}). Live data comes from a {@link CompletionSource} made
 * for each completion, so one Tab press reads the store at most once per list.
 */
public final class CommandCompleter implements Completer {
    private final CommandSpec root;
    private final Supplier<CompletionSource> sources;
    private final CommandNames commands;
    private final Path workingDirectory;

    /**
     * @param root             the command tree the prompt runs (its root)
     * @param sources          makes the live data for one completion
     * @param builtins         words the prompt itself handles at the start of a line ({@code exit}, …), with
     *                         their descriptions
     * @param workingDirectory where relative file names are looked up
     */
    public CommandCompleter(CommandSpec root, Supplier<CompletionSource> sources, Map<String, String> builtins,
                            Path workingDirectory) {
        this.root = root;
        this.sources = sources;
        this.commands = new CommandNames(root, builtins);
        this.workingDirectory = workingDirectory;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        candidates.addAll(complete(line.words().subList(0, line.wordIndex()),
                line.word().substring(0, Math.min(line.wordCursor(), line.word().length()))));
    }

    /** The candidates for {@code word} (what is typed of it, up to the cursor) after the words {@code before}. */
    public List<Candidate> complete(List<String> before, String word) {
        Position at = Position.after(root, before);
        CommandSpec command = at.command();
        List<Candidate> out = new ArrayList<>();
        CompletionSource data = sources.get();
        if (at.pendingOption() != null) {
            value(at.pendingOption(), at, "", word, data, out);
            return out;
        }
        if (!at.endOfOptions() && word.startsWith("-")) {
            int eq = word.indexOf('=');
            if (word.startsWith("--") && eq > 0) {
                OptionSpec option = command.findOption(word.substring(0, eq));
                if (option != null && takesValue(option)) {
                    value(option, at, word.substring(0, eq + 1), word.substring(eq + 1), data, out);
                }
            } else {
                OptionNames.offer(command, word, out);
            }
            return out;
        }
        boolean atCommandWord = at.positionals().isEmpty() && !command.subcommands().isEmpty();
        if (atCommandWord) {
            commands.offer(command, word, out);
        }
        int index = at.positionals().size();
        Optional<PositionalParamSpec> param = command.positionalParameters().stream()
                .filter(p -> !p.hidden() && p.index().contains(index)).findFirst();
        if (param.isPresent()) {
            value(param.get(), at, "", word, data, out);
        } else if (!atCommandWord && word.isEmpty() && command.positionalParameters().isEmpty()) {
            OptionNames.offer(command, word, out);
        }
        return out;
    }

    /** Asks the completer of what {@code arg} declares; one that fails keeps what it offered before failing. */
    private void value(ArgSpec arg, Position at, String prefix, String typed, CompletionSource data,
                       List<Candidate> out) {
        Slot slot = new Slot(arg, at.positionals(), prefix, typed, data, workingDirectory, commands, out);
        try {
            Completes.Kind.of(arg).ifPresent(kind -> Completers.of(kind).complete(slot));
        } catch (RuntimeException e) {
            // completion must never break the line being typed
        }
    }

    private static boolean takesValue(OptionSpec option) {
        return option.arity().max() > 0;
    }

    /** Where the words before the cursor leave the parse: the command, its parameters, an option awaiting a value. */
    private record Position(CommandSpec command, List<String> positionals, OptionSpec pendingOption,
                            boolean endOfOptions) {
        static Position after(CommandSpec root, List<String> words) {
            CommandSpec command = root;
            List<String> positionals = new ArrayList<>();
            OptionSpec pending = null;
            boolean endOfOptions = false;
            for (String w : words) {
                if (pending != null) {
                    pending = null;
                    continue;
                }
                if (!endOfOptions && w.equals("--")) {
                    endOfOptions = true;
                    continue;
                }
                if (!endOfOptions && w.startsWith("-") && w.length() > 1) {
                    int eq = w.indexOf('=');
                    OptionSpec option = command.findOption(eq > 0 ? w.substring(0, eq) : w);
                    if (option != null && takesValue(option) && eq < 0) {
                        pending = option;
                    }
                    continue;
                }
                CommandLine sub = positionals.isEmpty() ? command.subcommands().get(w) : null;
                if (sub != null) {
                    command = sub.getCommandSpec();
                    continue;
                }
                positionals.add(w);
            }
            return new Position(command, positionals, pending, endOfOptions);
        }
    }
}
