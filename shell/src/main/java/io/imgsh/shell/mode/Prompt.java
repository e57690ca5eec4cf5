package io.imgsh.shell.mode;

import io.imgsh.shell.repl.InteractiveShell;
import io.imgsh.shell.session.Session;
import java.io.IOException;

/** The interactive shell, when standard input is a terminal and no command or script is given. */
record Prompt(Session session) implements Mode {
    @Override
    public int run() throws IOException {
        return new InteractiveShell(session).run();
    }
}
