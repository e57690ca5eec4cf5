package io.imgsh.shell.mode;

import io.imgsh.shell.command.ImgshCommand;
import io.imgsh.shell.session.Session;
import picocli.CommandLine;

/**
 * The choice of mode for one invocation of imgsh, made from its parsed command line: the command it names (or its
 * help), else the script of {@code -f}, else standard input as a script when it is not a terminal, else the interactive shell.
 * The global options reach the session first.
 */
public final class Modes implements CommandLine.IExecutionStrategy {
    private final Session session;

    public Modes(Session session) {
        this.session = session;
    }

    @Override
    public int execute(CommandLine.ParseResult parsed) {
        ImgshCommand options = (ImgshCommand) parsed.commandSpec().userObject();
        Mode mode = choose(parsed, options);
        try {
            options.configure();
            return mode.run();
        } catch (CommandLine.ParameterException | CommandLine.ExecutionException e) {
            throw e;
        } catch (Exception e) {
            // as picocli reports a failing command: its handler turns the cause into one line
            throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(), e.toString(), e);
        }
    }

    private Mode choose(CommandLine.ParseResult parsed, ImgshCommand options) {
        CommandLine commandLine = parsed.commandSpec().commandLine();
        String script = options.script();
        if (parsed.hasSubcommand() && script != null) {
            throw new CommandLine.ParameterException(commandLine,
                    "Give either a script (-f " + script + ") or a command, not both");
        }
        if (parsed.hasSubcommand() || parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
            return new OneCommand(parsed);
        }
        if (script != null) {
            return new Script(session, commandLine, script, options.definitions(), options.keepGoing());
        }
        if (!session.stdinIsTerminal()) {
            return new Script(session, commandLine, Script.STDIN, options.definitions(), options.keepGoing());
        }
        return new Prompt(session);
    }
}
