package io.imgsh.shell.command.instance;

import io.imgsh.engine.instance.Instances;
import io.imgsh.shell.session.Session;
import io.imgsh.shell.view.InstanceView;
import io.imgsh.shell.view.Views;
import java.util.Optional;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;

/**
 * {@code browse}: the full-screen instance list ({@link InstanceView}), as {@code image browse} is for images. A
 * shell asked for with {@code x} runs on the terminal itself, outside the view, which opens again when it exits.
 */
@Command(name = "browse", description = "Browse instances full-screen (in a terminal): Enter info, s start, "
        + "t stop (forced, after y/n), x shell (/bin/sh, back to the list when it exits), p publish (asks an alias), "
        + "d delete (after y/n; a running instance after a second y/n), r reload, q quit")
public final class BrowseCommand implements Runnable {
    private final Session session;

    BrowseCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        Terminal terminal = Views.fullScreen(session.terminal(), "browse", "list");
        Instances instances = session.engine().instances();
        String message = null;
        Optional<String> shell;
        while ((shell = showView(terminal, instances, message)).isPresent()) {
            // lxc-attach runs on this process's own terminal, which an SSH session's is not
            message = session.isRemote() ? "Error: x is not available over SSH; use exec " + shell.get() + " -- /bin/sh"
                    : shell(instances, shell.get());
        }
    }

    private static Optional<String> showView(Terminal terminal, Instances instances, String message) {
        return Views.call(terminal, screen -> new InstanceView(screen, instances, message).run());
    }

    /** Runs the shell on the terminal; what the view then says about it. */
    private static String shell(Instances instances, String name) {
        try {
            int status = instances.execOnTerminal(name, InstanceView.SHELL);
            return "Shell in " + name + " exited with status " + status;
        } catch (RuntimeException e) {
            return "Error: " + e.getMessage();
        }
    }
}
