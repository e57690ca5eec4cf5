package io.imgsh.shell.command;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.render.ColorMode;
import io.imgsh.shell.session.Session;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code imgsh [options] [command…]}: the global options; {@link io.imgsh.shell.mode.Modes} runs one command, a
 * script ({@code -f}), piped standard input as a script, or the interactive shell.
 */
@Command(name = "imgsh", mixinStandardHelpOptions = true, versionProvider = ImgshVersion.class,
        description = "Manage system-container images the way LXD does.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:failure (one line on stderr says why)",
                "2:usage error: unknown command or flag, bad or missing argument"})
public final class ImgshCommand {
    private final Session session;

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

    /** Applies the global options to the session before anything runs. */
    public void configure() {
        session.configure(home, quiet, color.enabled(session.env(), session.stderrIsTerminal()));
    }

    /** The script of {@code -f}, or null. */
    public String script() {
        return script;
    }

    /** The script variables defined with {@code -D}. */
    public Map<String, String> definitions() {
        return definitions;
    }

    public boolean keepGoing() {
        return keepGoing;
    }
}
