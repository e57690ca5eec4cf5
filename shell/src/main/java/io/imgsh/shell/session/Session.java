package io.imgsh.shell.session;

import io.imgsh.engine.Engine;
import io.imgsh.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * What every command runs against: the streams, the environment and one engine, opened on first use and kept
 * for the whole session so that a script pays the start-up once. A session of the SSH console ({@link #remote})
 * instead uses the engine of {@code imgsh serve}, shared with the other sessions, and keeps its own default remote
 * and history; its terminal, if any, is the channel's.
 */
public final class Session implements AutoCloseable {
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Clock clock;
    private final boolean stdinTerminal;
    /** The engine of a remote session: used, never closed by it. Null for a session of this process. */
    private final Engine shared;
    private final Path ownHistory;
    private String ownDefaultRemote;
    private Path home;
    private boolean quiet;
    private boolean color;
    private Engine engine;
    private Terminal terminal;
    private boolean ownsTerminal;
    private volatile boolean stopping;
    private RemoteConsole.Starter consoles = (engine, env, address) -> {
        throw new EngineException("This imgsh has no remote console");
    };

    /** A session of this process on its own standard streams; {@code stdinTerminal}: whether stdin is a terminal. */
    public Session(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Clock clock,
                   boolean stdinTerminal) {
        this(in, out, err, env, clock, stdinTerminal, null, null, null);
    }

    private Session(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Clock clock,
                    boolean stdinTerminal, Engine shared, Terminal terminal, Path ownHistory) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.clock = clock;
        this.stdinTerminal = stdinTerminal;
        this.shared = shared;
        this.terminal = terminal;
        this.ownHistory = ownHistory;
    }

    /**
     * A session of the SSH console on {@code engine}, which it uses but does not close. {@code terminal} is the
     * channel's terminal (null for a channel without one: its streams are then plain data, as for {@code ssh host
     * image list}); {@code history} is the file of its prompt's history. Its default remote starts as the stored one
     * and {@code remote switch} changes only its own.
     */
    public static Session remote(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                                 Engine engine, Terminal terminal, Path history) {
        Session session = new Session(in, out, err, env, Clock.systemUTC(), terminal != null, engine, terminal,
                history);
        session.ownDefaultRemote = engine.remotes().defaultRemote();
        return session;
    }

    /** True for a session of the SSH console: it cannot use this process's own terminal, signals or store options. */
    public boolean isRemote() {
        return shared != null;
    }

    public InputStream in() {
        return in;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public Map<String, String> env() {
        return env;
    }

    /** True when standard input is a terminal, so that a command may prompt or start an editor. */
    public boolean stdinIsTerminal() {
        return stdinTerminal;
    }

    /** True when standard error is a terminal: colour and progress are then shown there. */
    public boolean stderrIsTerminal() {
        return isRemote() ? terminal != null : Terminals.isTerminal(Terminals.STDERR);
    }

    /** The history file of a remote session's prompt; empty for this process's prompt, which keeps the user's. */
    public Optional<Path> ownHistory() {
        return Optional.ofNullable(ownHistory);
    }

    /** The remote a reference without {@code remote:} means. */
    public String defaultRemote() {
        return ownDefaultRemote != null ? ownDefaultRemote : engine().remotes().defaultRemote();
    }

    /** Makes {@code remote} the default: the stored one, or a remote session's own. */
    public void switchRemote(String remote) {
        if (isRemote()) {
            engine().remotes().get(remote);
            ownDefaultRemote = remote;
        } else {
            engine().remotes().switchTo(remote);
        }
    }

    /** How {@code serve} starts its remote console: the program's SSH console. */
    public RemoteConsole.Starter consoles() {
        return consoles;
    }

    public void useConsoles(RemoteConsole.Starter starter) {
        this.consoles = starter;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean color() {
        return color;
    }

    /** Applies the global options: the store directory (null: the default), quietness and colour. */
    public void configure(Path home, boolean quiet, boolean color) {
        if (home != null && isRemote()) {
            throw new EngineException("--home cannot be used over SSH: the console works on the store of imgsh serve");
        }
        this.home = home;
        this.quiet = quiet;
        this.color = color;
    }

    public Engine engine() {
        if (shared != null) {
            return shared;
        }
        if (engine == null) {
            engine = Engine.open(StoreLocation.resolve(home, env), clock);
            engine.remotes().useConfigDir(io.imgsh.engine.XdgDirs.config(env));
        }
        return engine;
    }

    /**
     * The session's JLine terminal, for full-screen views and progress: the prompt's own terminal, or for a one-shot
     * command a system terminal opened on first use; empty when standard input or output is not a terminal.
     */
    public Optional<Terminal> terminal() {
        if (terminal == null && !isRemote() && stdinTerminal && Terminals.isTerminal(Terminals.STDOUT)) {
            try {
                terminal = TerminalBuilder.builder().system(true).build();
                ownsTerminal = true;
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(terminal);
    }

    /**
     * The terminal attached with {@link #attach} (the prompt's, or an SSH channel's), without opening one as
     * {@link #terminal()} would: where the prompt draws progress.
     */
    public Optional<Terminal> attachedTerminal() {
        return ownsTerminal ? Optional.empty() : Optional.ofNullable(terminal);
    }

    /** Makes {@code terminal} (the prompt's, or an SSH channel's) the session's terminal. */
    public void attach(Terminal terminal) {
        this.terminal = terminal;
        this.ownsTerminal = false;
    }

    /**
     * Tells the session to stop (a signal ends the process, or the connection of a remote session ends): the prompt
     * leaves instead of reading another line. The caller also interrupts the command that runs.
     */
    public void stop() {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }

    /** Prints an informational line unless {@code --quiet}. */
    public void info(String line) {
        if (!quiet) {
            out.println(line);
        }
    }

    @Override
    public void close() {
        if (ownsTerminal) {
            try {
                terminal.close();
            } catch (IOException ignored) {
                // leaving anyway
            }
        }
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
