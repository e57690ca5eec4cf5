package io.imgsh.shell.mode;

import io.imgsh.shell.repl.InteractiveShell;
import io.imgsh.shell.session.Session;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The interactive shell, when standard input is a terminal and no command or script is given: on the session's
 * terminal (an SSH channel's), else on the process's own.
 */
record Prompt(Session session) implements Mode {
    @Override
    public int run() throws IOException {
        return new InteractiveShell(session, session.attachedTerminal().orElse(null), Path.of("").toAbsolutePath())
                .run();
    }
}
