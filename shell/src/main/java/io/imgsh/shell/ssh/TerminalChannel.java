package io.imgsh.shell.ssh;

import io.imgsh.shell.command.Outcome;
import io.imgsh.shell.session.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.jline.builtins.ssh.ShellFactoryImpl;
import org.jline.builtins.ssh.Ssh;
import org.jline.terminal.Terminal;

/**
 * A channel with a terminal (the client asked for a pty): JLine's SSH glue makes the JLine terminal from the
 * client's TERM, window size and terminal modes, resizes it on window-change and turns the interrupt character into
 * SIGINT, which stops the running command as Ctrl-C does locally. Standard output and error both go to the
 * terminal, as with any pty. The exit status is the command's ({@code exit N} at the prompt). When the channel
 * closes first, the session stops: the prompt leaves, a running command is interrupted.
 */
final class TerminalChannel implements Command {
    private static final int DEFAULT_COLUMNS = 80;
    private static final int DEFAULT_LINES = 24;
    private static final Map<PtyMode, Integer> DEFAULT_MODES = Map.of(PtyMode.VINTR, 3, PtyMode.VEOF, 4,
            PtyMode.VERASE, 127, PtyMode.VKILL, 21, PtyMode.ISIG, 1, PtyMode.ICANON, 1, PtyMode.ECHO, 1,
            PtyMode.ICRNL, 1, PtyMode.OPOST, 1, PtyMode.ONLCR, 1);

    private final Consoles consoles;
    private final ChannelSession channel;
    private final String line;
    private final Command shell;
    private volatile int status = Outcome.FAILURE;
    private volatile Terminal terminal;
    private volatile Session session;

    TerminalChannel(Consoles consoles, ChannelSession channel, String line) {
        this.consoles = consoles;
        this.channel = channel;
        this.line = line;
        this.shell = new ShellFactoryImpl(this::run).createShell(channel);
    }

    private void run(Ssh.ShellParams params) {
        Terminal opened = params.getTerminal();
        PrintStream output = new PrintStream(opened.output(), true, StandardCharsets.UTF_8);
        terminal = opened;
        try (Session running = consoles.open(channel, params.getEnv(), opened.input(), output, output, opened)) {
            session = running;
            status = consoles.run(running, line);
        } finally {
            output.flush();
            try {
                opened.close();
            } catch (IOException ignored) {
                // the channel closes next anyway
            }
            params.getCloser().run();
        }
    }

    @Override
    public void setInputStream(InputStream in) {
        shell.setInputStream(in);
    }

    @Override
    public void setOutputStream(OutputStream out) {
        shell.setOutputStream(out);
    }

    @Override
    public void setErrorStream(OutputStream err) {
        shell.setErrorStream(err);
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        // JLine's shell always reports 0: report the command's status instead
        shell.setExitCallback((ignored, message, closeImmediately) -> exit.onExit(status, message, closeImmediately));
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        // a client whose own input is no terminal (ssh -tt from a pipe) asks for a 0x0 window and sends no modes:
        // give it the classic 80x24 and the usual modes, so that Ctrl-C interrupts and Ctrl-D leaves
        env.getEnv().replace(Environment.ENV_COLUMNS, "0", String.valueOf(DEFAULT_COLUMNS));
        env.getEnv().replace(Environment.ENV_LINES, "0", String.valueOf(DEFAULT_LINES));
        if (env.getPtyModes().isEmpty()) {
            env.getPtyModes().putAll(DEFAULT_MODES);
        }
        shell.start(channel, env);
    }

    @Override
    public void destroy(ChannelSession channel) throws Exception {
        Session running = session;
        if (running != null && !running.stopping()) {
            running.stop();
            terminal.raise(Terminal.Signal.INT); // interrupts the command that runs, or the prompt's read
        }
        shell.destroy(channel);
    }
}
