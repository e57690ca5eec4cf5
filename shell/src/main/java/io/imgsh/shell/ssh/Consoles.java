package io.imgsh.shell.ssh;

import io.imgsh.engine.Engine;
import io.imgsh.shell.command.Outcome;
import io.imgsh.shell.line.LineSplitter;
import io.imgsh.shell.session.Session;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntBiFunction;
import java.util.regex.Pattern;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.jline.terminal.Terminal;

/**
 * What the channels of the console run: each one invocation of imgsh, as {@code imgsh ARGS…} runs locally, in a
 * session of its own on the daemon's engine. A channel with a terminal (a shell, or {@code ssh -t host CMD}) runs
 * on JLine's terminal for it ({@link TerminalChannel}); one without ({@code ssh host image list}, {@code ssh host
 * imgsh -f - < job.lxs}) on its plain streams ({@link StreamChannel}).
 */
final class Consoles {
    /** Variables of the daemon's environment that describe its own terminal, not the client's. */
    private static final List<String> TERMINAL_VARIABLES = List.of("TERM", "COLORTERM", "NO_COLOR", "COLUMNS", "LINES");
    private static final Pattern PLAIN_USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    private final Engine engine;
    private final Map<String, String> daemonEnv;
    private final Path histories;
    private final ToIntBiFunction<Session, String[]> imgsh;

    /**
     * @param histories the directory of the prompt histories, one file per user name
     * @param imgsh     runs one invocation of imgsh in a session, returning its exit status
     */
    Consoles(Engine engine, Map<String, String> daemonEnv, Path histories, ToIntBiFunction<Session, String[]> imgsh) {
        this.engine = engine;
        this.daemonEnv = daemonEnv;
        this.histories = histories;
        this.imgsh = imgsh;
    }

    /** The command of a shell request: the prompt on a terminal, else a script read from the channel's input. */
    Command shell(ChannelSession channel) {
        return command(channel, "");
    }

    /** The command of an exec request: {@code line}, split as the prompt splits it; a leading {@code imgsh} is skipped. */
    Command command(ChannelSession channel, String line) {
        return hasTerminal(channel.getEnvironment().getEnv()) ? new TerminalChannel(this, channel, line)
                : new StreamChannel(this, line);
    }

    /** Whether the client asked for a pty: its request set TERM and the window size, which JLine's glue reads. */
    static boolean hasTerminal(Map<String, String> env) {
        return env.containsKey(Environment.ENV_TERM) && isNumber(env.get(Environment.ENV_COLUMNS))
                && isNumber(env.get(Environment.ENV_LINES));
    }

    private static boolean isNumber(String value) {
        return value != null && value.matches("[0-9]{1,6}");
    }

    /** A session of {@code channel}'s user: the client's environment variables over the daemon's. */
    Session open(ChannelSession channel, Map<String, String> clientEnv, InputStream in, PrintStream out,
                 PrintStream err, Terminal terminal) {
        Map<String, String> env = new HashMap<>(daemonEnv);
        TERMINAL_VARIABLES.forEach(env::remove);
        env.putAll(clientEnv);
        return Session.remote(in, out, err, Map.copyOf(env), engine, terminal,
                histories.resolve(fileName(channel.getSession().getUsername())));
    }

    /** Runs {@code line} in {@code session}; returns its exit status. */
    int run(Session session, String line) {
        List<String> words;
        try {
            words = new LineSplitter().split(line);
        } catch (IllegalArgumentException e) {
            session.err().println("Error: " + e.getMessage());
            return Outcome.USAGE;
        }
        if (!words.isEmpty() && words.get(0).equals("imgsh")) {
            words = words.subList(1, words.size());
        }
        return imgsh.applyAsInt(session, words.toArray(String[]::new));
    }

    /** A user name as a file name: itself when plain, else its bytes in hex (no name reaches outside the directory). */
    static String fileName(String user) {
        return PLAIN_USER.matcher(user).matches() ? user
                : "x-" + HexFormat.of().formatHex(user.getBytes(StandardCharsets.UTF_8));
    }
}
