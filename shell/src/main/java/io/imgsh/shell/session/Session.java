package io.imgsh.shell.session;

import io.imgsh.engine.Engine;
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
 * for the whole session so that a script pays the start-up once.
 */
public final class Session implements AutoCloseable {
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Clock clock;
    private final boolean stdinTerminal;
    private Path home;
    private boolean quiet;
    private boolean color;
    private Engine engine;
    private Terminal terminal;
    private boolean ownsTerminal;
    private volatile boolean stopping;

    public Session(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Clock clock,
                   boolean stdinTerminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.clock = clock;
        this.stdinTerminal = stdinTerminal;
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

    public boolean quiet() {
        return quiet;
    }

    public boolean color() {
        return color;
    }

    /** Applies the global options: the store directory (null: the default), quietness and colour. */
    public void configure(Path home, boolean quiet, boolean color) {
        this.home = home;
        this.quiet = quiet;
        this.color = color;
    }

    public Engine engine() {
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
        if (terminal == null && stdinTerminal && Terminals.isTerminal(Terminals.STDOUT)) {
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
