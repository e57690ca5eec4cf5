package io.imgsh.shell.command;

import io.imgsh.engine.EngineException;
import io.imgsh.shell.command.instance.CopyCommand;
import io.imgsh.shell.command.instance.DeleteCommand;
import io.imgsh.shell.command.instance.ExecCommand;
import io.imgsh.shell.command.instance.FileCommand;
import io.imgsh.shell.command.instance.InfoCommand;
import io.imgsh.shell.command.instance.InitCommand;
import io.imgsh.shell.command.instance.LaunchCommand;
import io.imgsh.shell.command.instance.ListCommand;
import io.imgsh.shell.command.instance.PublishCommand;
import io.imgsh.shell.command.instance.RestartCommand;
import io.imgsh.shell.command.instance.RestoreCommand;
import io.imgsh.shell.command.instance.SnapshotCommand;
import io.imgsh.shell.command.instance.StartCommand;
import io.imgsh.shell.command.instance.StopCommand;
import io.imgsh.shell.command.policy.PolicyCommand;
import io.imgsh.shell.command.remote.RemoteCommand;
import io.imgsh.shell.session.Session;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Parses and runs command lines against one picocli tree built once per session, and turns every failure into an
 * {@link Outcome} with a one-line message; the caller decides how to print it ({@code Error: } or
 * {@code file:line: }). A command that reports its own failures (a script) returns a status without a message.
 */
public final class CommandRunner {
    /** The commands of every mode, declared once: the one-shot CLI, scripts and the prompt run the same ones. */
    private static final List<Class<?>> COMMANDS = List.of(ImageCommand.class, ConfigCommand.class,
            RemoteCommand.class, PolicyCommand.class, ServeCommand.class, MonitorCommand.class, InitCommand.class,
            LaunchCommand.class, StartCommand.class, StopCommand.class, ExecCommand.class, ListCommand.class,
            DeleteCommand.class, PublishCommand.class, RestartCommand.class, InfoCommand.class, SnapshotCommand.class,
            RestoreCommand.class, CopyCommand.class, FileCommand.class, HelpCommand.class);

    private final CommandLine commandLine;
    private String error;
    private String usage;

    /** The tree under {@code root} (the one-shot command line's, with its options): the commands, then {@code own}. */
    public CommandRunner(Session session, Object root, Class<?>... own) {
        this.commandLine = new CommandLine(root, new SessionFactory(session));
        // first: the settings below reach the subcommands that exist when they are made
        Stream.concat(COMMANDS.stream(), Stream.of(own)).forEach(commandLine::addSubcommand);
        commandLine.setOut(new java.io.PrintWriter(session.out(), true))
                .setErr(new java.io.PrintWriter(session.err(), true))
                .setCaseInsensitiveEnumValuesAllowed(true)
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

    /** The tree for lines typed at the prompt or read from a script: the commands and {@code exit}. */
    public static CommandRunner forLines(Session session) {
        return new CommandRunner(session, new LineCommand(), ExitCommand.class);
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
