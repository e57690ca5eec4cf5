package io.imgsh.shell.command;

import io.imgsh.engine.EngineException;
import io.imgsh.shell.session.Session;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Parses and runs command lines against one picocli tree (built once for the prompt, a script or the one-shot command
 * line: the whole of it or the part they name, see {@link CommandTree}), and turns every failure into an
 * {@link Outcome} with a one-line message; the caller decides how to print it ({@code Error: } or
 * {@code file:line: }). A command that reports its own failures (a script) returns a status without a message.
 */
public final class CommandRunner {
    private final CommandLine commandLine;
    private String error;
    private String usage;

    /**
     * The tree under {@code root}: the {@link CommandTree} commands that {@code commands} picks given the root's
     * options, then {@code own}.
     */
    private CommandRunner(Session session, Object root, Function<CommandSpec, List<CommandTree.Node>> commands,
                          Class<?>... own) {
        this.commandLine = new CommandLine(root, new SessionFactory(session));
        addHelpOption(commandLine); // the root's, for the tree to be picked knowing that -h and --help ask for help
        // first: the settings below reach the subcommands that exist when they are made
        commands.apply(commandLine.getCommandSpec()).forEach(node -> add(commandLine, node));
        Stream.of(own).forEach(commandLine::addSubcommand);
        // imgsh has no argument files: @word is a word, as for lxc, and picocli parses the words the tree was
        // picked from
        commandLine.setExpandAtFiles(false)
                .setOut(new java.io.PrintWriter(session.out(), true))
                .setErr(new java.io.PrintWriter(session.err(), true))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOverwrittenOptionsAllowed(true) // a repeated option takes its last value, as in lxc
                .setExecutionExceptionHandler((ex, cl, parsed) -> {
                    error = describe(ex);
                    return ex instanceof CommandLine.ParameterException ? Outcome.USAGE : Outcome.FAILURE;
                })
                .setParameterExceptionHandler((ex, args) -> {
                    UsageError usageError = UsageError.of(ex);
                    error = usageError.message();
                    usage = usageError.usage();
                    return Outcome.USAGE;
                });
        Converters.register(commandLine);
        addHelpOption(commandLine);
        HelpCommand.tidyUsage(commandLine);
    }

    /** {@code -h}/{@code --help} on every command and subcommand, so that {@code imgsh image list --help} works. */
    private static void addHelpOption(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
        }
        command.getSubcommands().values().stream().distinct().forEach(CommandRunner::addHelpOption);
    }

    /** The tree for lines typed at the prompt: every command, and {@code exit}. */
    public static CommandRunner forLines(Session session) {
        return new CommandRunner(session, new LineCommand(), root -> CommandTree.ALL, ExitCommand.class);
    }

    /**
     * The tree for a script of these lines' words: only the commands they name ({@link CommandTree#alongAll}), and
     * {@code exit}.
     */
    public static CommandRunner forScript(Session session, List<String[]> lines) {
        return new CommandRunner(session, new LineCommand(),
                root -> CommandTree.alongAll(lines, root, ExitCommand.class), ExitCommand.class);
    }

    /**
     * The tree for the one-shot command line {@code args} under {@code root} (which holds the global options): only
     * the commands it names ({@link CommandTree#along}).
     */
    public static CommandRunner forArgs(Session session, Object root, String... args) {
        return new CommandRunner(session, root, spec -> CommandTree.along(args, spec));
    }

    private static void add(CommandLine parent, CommandTree.Node node) {
        if (node.listed()) {
            parent.addSubcommand(listed(node.type()));
            return;
        }
        CommandLine command = new CommandLine(node.type(), parent.getFactory());
        parent.addSubcommand(command);
        node.children().forEach(child -> add(command, child));
    }

    /**
     * A command that a usage only lists: its names and description as its annotation declares them, without the
     * reflection over its options (one-shot {@code help} 201 -> 189 ms median, interleaved runs).
     */
    private static CommandLine listed(Class<?> type) {
        Command declared = type.getAnnotation(Command.class);
        Runnable unread = () -> {
            throw new IllegalStateException("the command " + declared.name() + " was not read; run it on its own");
        };
        CommandSpec spec = CommandSpec.wrapWithoutInspection(unread).name(declared.name()).aliases(declared.aliases());
        spec.usageMessage().description(declared.description());
        return new CommandLine(spec);
    }

    public CommandLine commandLine() {
        return commandLine;
    }

    public Outcome run(String... args) {
        error = null;
        usage = null;
        int status = commandLine.execute(args);
        if (error == null && asksToLeave()) {
            return Outcome.leave(status);
        }
        return new Outcome(status, status == Outcome.OK ? null : error, usage, false);
    }

    /** Whether the line that just ran was {@code exit}. */
    private boolean asksToLeave() {
        CommandLine.ParseResult parsed = commandLine.getParseResult();
        while (parsed != null && parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed != null && parsed.commandSpec().userObject() instanceof ExitCommand;
    }

    private static String describe(Exception ex) {
        if (ex instanceof EngineException || ex instanceof CommandLine.ParameterException) {
            return oneLine(ex.getMessage());
        }
        if (ex instanceof UncheckedIOException io) {
            return oneLine(io.getCause().getMessage());
        }
        String message = ex.getMessage();
        return message == null ? ex.getClass().getSimpleName() : oneLine(message);
    }

    /**
     * Line breaks, with the blanks around them, become one space (or nothing at either end); other leading or
     * trailing blanks stay, as in LXD's {@code Architecture isn't supported: } for a missing architecture.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.replaceAll("^\\s*\\R\\s*|\\s*\\R\\s*$", "").replaceAll("\\s*\\R\\s*", " ");
    }
}
