package io.imgsh.shell.command;

import io.imgsh.shell.Session;
import io.imgsh.shell.batch.ScriptRunner;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.render.ColorMode;
import io.imgsh.shell.repl.InteractiveShell;
import io.imgsh.shell.terminal.Terminals;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code imgsh [options] [command…]}: one command, a script ({@code -f}), piped standard input as a script, or
 * the interactive shell.
 */
@Command(name = "imgsh", mixinStandardHelpOptions = true, versionProvider = ImgshVersion.class,
        description = "Manage system-container images the way LXD does.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:failure (one line on stderr says why)",
                "2:usage error: unknown command or flag, bad or missing argument"})
public final class ImgshCommand implements Callable<Integer> {
    private final Session session;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Completes(Kind.DIRECTORY)
    @Option(names = "--home", paramLabel = "DIR", description = "Store directory (default: $IMGSH_HOME, else "
            + "$XDG_DATA_HOME/imgsh)")
    Path home;

    @Completes(Kind.FILE)
    @Option(names = {"-f", "--file"}, paramLabel = "SCRIPT", description = "Run the commands in SCRIPT (- for "
            + "standard input)")
    String script;

    @Completes(Kind.TEXT)
    @Option(names = "-D", paramLabel = "NAME=VALUE", description = "Define $${NAME} for the script")
    Map<String, String> definitions = new LinkedHashMap<>();

    @Option(names = "--keep-going", description = "Run the rest of the script after a failing line")
    boolean keepGoing;

    @Option(names = {"-q", "--quiet"}, description = "Print no progress or confirmation messages")
    boolean quiet;

    @Completes(Kind.COLOR)
    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour output: always, never or auto (default; honours NO_COLOR)")
    ColorMode color;

    public ImgshCommand(Session session) {
        this.session = session;
    }

    /** Applies the global options to the session before any command runs. */
    public void configure() {
        if (script != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasSubcommand()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Give either a script (-f " + script + ") or a command, not both");
        }
        session.configure(home, quiet, color.enabled(session.env(), Terminals.isTerminal(Terminals.STDERR)));
    }

    @Override
    public Integer call() throws IOException {
        if (script != null) {
            return runScript(script);
        }
        if (!session.stdinIsTerminal()) {
            return runScript("-");
        }
        return new InteractiveShell(session).run();
    }

    private int runScript(String name) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>(session.env());
        variables.putAll(definitions);
        ScriptRunner runner = new ScriptRunner(CommandRunner.forLines(session), session.err(),
                variables, keepGoing);
        if (name.equals("-")) {
            return runner.run("<stdin>", new InputStreamReader(session.in(), StandardCharsets.UTF_8));
        }
        try (Reader reader = Files.newBufferedReader(Path.of(name), StandardCharsets.UTF_8)) {
            return runner.run(name, reader);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Script not found: " + name);
        }
    }
}
