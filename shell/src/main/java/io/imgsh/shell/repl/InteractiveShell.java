package io.imgsh.shell.repl;

import io.imgsh.engine.Engine;
import io.imgsh.shell.command.CommandRunner;
import io.imgsh.shell.command.Outcome;
import io.imgsh.shell.completion.CommandCompleter;
import io.imgsh.shell.completion.EngineCompletionSource;
import io.imgsh.shell.completion.LineParser;
import io.imgsh.shell.completion.RemoteNames;
import io.imgsh.shell.line.LineSplitter;
import io.imgsh.shell.session.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.InfoCmp;
import org.jline.utils.Signals;
import picocli.CommandLine;

/**
 * The prompt ({@code imgsh local> }): reads lines from the session's JLine terminal with completion and a
 * persistent history, and runs each through the whole command tree ({@link CommandRunner#forLines}), on a worker
 * thread that Ctrl-C interrupts. An error prints one line and the prompt goes on; {@code exit [N]}, {@code quit}
 * or Ctrl-D leave; {@code clear} clears the screen; Ctrl-C at the prompt only drops the line being typed. On a dumb terminal ({@code TERM=dumb}) it
 * writes no escape sequences.
 */
public final class InteractiveShell {
    /** Words the prompt handles itself, with what completion says of them. */
    static final Map<String, String> BUILTINS = Map.of("clear", "Clear the screen");

    private final Session session;
    private final Terminal terminal;
    private final Path workingDirectory;
    private final LineSplitter splitter = new LineSplitter();

    /** The prompt on the process's terminal. */
    public InteractiveShell(Session session) {
        this(session, null, Path.of("").toAbsolutePath());
    }

    /**
     * The prompt on {@code terminal} (null: the process's own, opened for the run and closed after it), completing
     * relative file names in {@code workingDirectory}.
     */
    public InteractiveShell(Session session, Terminal terminal, Path workingDirectory) {
        this.session = session;
        this.terminal = terminal;
        this.workingDirectory = workingDirectory;
    }

    /** Runs the prompt until it is left; returns the status {@code exit} gave, else {@link Outcome#OK}. */
    public int run() throws IOException {
        if (terminal != null) {
            return run(terminal);
        }
        try (Terminal system = TerminalBuilder.builder().system(true).dumb(true).name("imgsh").build()) {
            // A dumb system terminal (TERM=dumb, or output not a terminal) leaves the tty as it is, so Ctrl-C
            // arrives as SIGINT, which JLine does not route to it: route it here, or it would end the JVM.
            Object previous = system instanceof DumbTerminal
                    ? Signals.register(Terminal.Signal.INT.name(), () -> system.raise(Terminal.Signal.INT)) : null;
            try {
                return run(system);
            } finally {
                if (previous != null) {
                    Signals.unregister(Terminal.Signal.INT.name(), previous);
                }
            }
        }
    }

    /** Starts the caching policy in the background; null when the store cannot be opened (said above the prompt). */
    private BackgroundPolicy startPolicy(LineReader reader) {
        Engine engine;
        try {
            engine = session.engine();
        } catch (RuntimeException e) {
            reader.printAbove("Image policy not run: " + e.getMessage());
            return null;
        }
        return BackgroundPolicy.start(engine, reader::printAbove);
    }

    private int run(Terminal terminal) {
        // Ctrl-C between commands does nothing; while one runs, the worker's handler interrupts it.
        Terminal.SignalHandler previousInt = terminal.handle(Terminal.Signal.INT, Terminal.SignalHandler.SIG_IGN);
        session.attach(terminal);
        boolean plain = isDumb(terminal);
        CommandRunner commands = CommandRunner.forLines(session);
        // usage help in colour only when the session has colour (--color, NO_COLOR) and the terminal shows it
        commands.commandLine().setColorScheme(CommandLine.Help.defaultColorScheme(
                session.color() && !plain ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        History history = new History();
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("imgsh")
                .parser(new LineParser())
                .completer(new CommandCompleter(commands.commandLine().getCommandSpec(),
                        () -> new EngineCompletionSource(session), BUILTINS, workingDirectory))
                .history(history)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.COMPLETE_MATCHER_TYPO, false)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .variable(LineReader.HISTORY_FILE_SIZE, 10_000);
        History.prepare(session.ownHistory().orElseGet(() -> History.file(session.env())))
                .ifPresent(file -> builder.variable(LineReader.HISTORY_FILE, file));
        LineReader reader = builder.build();
        BackgroundPolicy policy = null;
        try (CommandWorker worker = new CommandWorker()) {
            policy = startPolicy(reader);
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt());
                } catch (UserInterruptException e) {
                    if (session.stopping()) {
                        return Outcome.FAILURE;
                    }
                    if (plain) {
                        // a dumb terminal leaves the cursor after the ^C the tty echoed
                        terminal.writer().println();
                        terminal.writer().flush();
                    }
                    continue;
                } catch (EndOfFileException e) {
                    return Outcome.OK;
                }
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                List<String> words;
                try {
                    words = splitter.split(text);
                } catch (IllegalArgumentException e) {
                    error(e.getMessage(), plain);
                    continue;
                }
                if (words.isEmpty()) {
                    continue;
                }
                if (words.equals(List.of("clear"))) {
                    terminal.puts(InfoCmp.Capability.clear_screen);
                    terminal.flush();
                    continue;
                }
                CommandWorker.Result result = worker.run(terminal, () -> commands.run(words.toArray(String[]::new)));
                session.out().flush();
                if (session.stopping()) {
                    // SIGTERM or SIGHUP: the command was interrupted too and has cleaned up; leave
                    return Outcome.FAILURE;
                }
                if (result.outcome().leave()) {
                    return result.outcome().status();
                }
                if (result.outcome().failed()) {
                    if (result.interrupted()) {
                        error("interrupted", plain);
                    } else if (result.outcome().error() != null) {
                        error(result.outcome().error(), plain);
                    }
                    if (result.outcome().usage() != null) {
                        session.err().println(result.outcome().usage());
                        session.err().flush();
                    }
                }
            }
        } finally {
            if (policy != null) {
                policy.close();
            }
            if (session.stopping()) {
                // the interrupt that stopped the prompt would fail restoring the terminal (JLine runs stty)
                Thread.interrupted();
            }
            try {
                history.save();
            } catch (IOException ignored) {
                // the history is a convenience; leaving must not fail over it
            }
            terminal.handle(Terminal.Signal.INT, previousInt);
        }
    }

    /** {@code imgsh <default remote>> }. */
    String prompt() {
        return "imgsh " + RemoteNames.defaultRemote(session) + "> ";
    }

    private void error(String message, boolean plain) {
        session.out().flush();
        String prefix = session.color() && !plain ? "\u001b[31mError:\u001b[0m " : "Error: ";
        session.err().println(prefix + message);
        session.err().flush();
    }

    static boolean isDumb(Terminal terminal) {
        String type = terminal.getType();
        return type == null || type.startsWith(Terminal.TYPE_DUMB);
    }
}
