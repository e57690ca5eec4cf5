package io.imgsh.shell.repl;

import io.imgsh.shell.Session;
import io.imgsh.shell.batch.LineSplitter;
import io.imgsh.shell.command.CommandRunner;
import io.imgsh.shell.command.LineCommand;
import io.imgsh.shell.command.Outcome;
import java.io.IOException;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The prompt: reads command lines from the terminal and runs them until {@code exit} or end of input. */
public final class InteractiveShell {
    private static final String PROMPT = "imgsh local> ";

    private final Session session;

    public InteractiveShell(Session session) {
        this.session = session;
    }

    public int run() throws IOException {
        CommandRunner commands = new CommandRunner(session, new LineCommand());
        LineSplitter splitter = new LineSplitter();
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("imgsh").build();
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return Outcome.OK;
                }
                List<String> words;
                try {
                    words = splitter.split(line);
                } catch (IllegalArgumentException e) {
                    session.err().println("Error: " + e.getMessage());
                    continue;
                }
                if (words.isEmpty()) {
                    continue;
                }
                if (words.size() == 1 && (words.get(0).equals("exit") || words.get(0).equals("quit"))) {
                    return Outcome.OK;
                }
                Outcome outcome = commands.run(words.toArray(String[]::new));
                if (outcome.failed() && outcome.error() != null) {
                    session.err().println("Error: " + outcome.error());
                }
            }
        }
    }
}
