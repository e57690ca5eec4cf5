package io.imgsh.shell.ssh;

import io.imgsh.shell.command.Outcome;
import io.imgsh.shell.session.Session;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A channel without a terminal: standard input, output and error are the channel's data and extended data, kept
 * apart, and the exit status is the command's. When the channel closes before the command ends (the client went
 * away), the command is interrupted: it stops at its next read or write and cleans up as after Ctrl-C.
 */
final class StreamChannel implements Command {
    private final Consoles consoles;
    private final String line;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Session session;
    private volatile Thread thread;

    StreamChannel(Consoles consoles, String line) {
        this.consoles = consoles;
        this.line = line;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        PrintStream stdout = new PrintStream(new BufferedOutputStream(out, 1 << 15), false, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        session = consoles.open(channel, env.getEnv(), in, stdout, stderr, null);
        thread = new Thread(() -> {
            int status = Outcome.FAILURE;
            try (Session running = session) {
                status = consoles.run(running, line);
            } finally {
                stdout.close();
                stderr.close();
                exit.onExit(status);
            }
        }, "imgsh-ssh-exec");
        thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
        Session running = session;
        Thread worker = thread; // null until start() has made it
        if (running != null) {
            running.stop();
        }
        if (worker != null) {
            worker.interrupt();
        }
    }
}
