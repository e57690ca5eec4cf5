package io.imgsh.shell.session;

import io.imgsh.engine.EngineException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * One answer typed by the user of a session: on its terminal (the prompt's, or the process's) through a line reader
 * of its own, which keeps no history and, for a secret, shows nothing of what is typed; else a line of standard
 * input. Ctrl-C or the end of input abort with a one-line error.
 */
public final class UserInput {
    private UserInput() {
    }

    public static String line(Session session, String prompt, boolean secret) {
        Optional<Terminal> terminal = session.terminal();
        if (terminal.isPresent()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal.get()).appName("imgsh").build();
            try {
                return reader.readLine(prompt, secret ? Character.valueOf('\0') : null);
            } catch (UserInterruptException | EndOfFileException e) {
                throw new EngineException("Aborted");
            }
        }
        session.out().print(prompt);
        session.out().flush();
        String line = readLine(session.in());
        if (secret) {
            session.out().println();
        }
        if (line == null) {
            throw new EngineException("EOF");
        }
        return line;
    }

    /** A line of {@code in}, read a byte at a time so that nothing after it is taken from the stream. */
    private static String readLine(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toString(StandardCharsets.UTF_8).replaceFirst("\r$", "");
    }
}
