package io.imgsh.shell.mode;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.format.Messages;
import io.imgsh.shell.batch.ScriptRunner;
import io.imgsh.shell.command.CommandRunner;
import io.imgsh.shell.session.Session;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The lines of a script ({@code -f FILE}, or {@code -} for standard input), or of piped standard input, run as if
 * typed at the prompt; the environment and the {@code -D} definitions are its variables.
 */
record Script(Session session, CommandLine commandLine, String name, Map<String, String> definitions,
        boolean keepGoing) implements Mode {
    /** The name that reads standard input. */
    static final String STDIN = "-";

    @Override
    public int run() throws IOException {
        Map<String, String> variables = new LinkedHashMap<>(session.env());
        variables.putAll(definitions);
        ScriptRunner runner = new ScriptRunner(lines -> CommandRunner.forScript(session, lines),
                session.err(), variables, keepGoing);
        if (name.equals(STDIN)) {
            return runner.run("<stdin>", new InputStreamReader(session.in(), StandardCharsets.UTF_8));
        }
        Path file = Path.of(name);
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("read " + name + ": is a directory");
        }
        // the whole script is read before its first line runs: a file that cannot be read runs nothing
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return runner.run(name, reader);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(commandLine, "Script not found: " + name);
        } catch (FileSystemException e) {
            throw new InvalidInputException("open " + name + ": " + Messages.reason(e));
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("The script " + name + " is not UTF-8 text");
        }
    }
}
