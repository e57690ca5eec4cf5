package io.imgsh.shell.batch;

import io.imgsh.shell.command.CommandRunner;
import io.imgsh.shell.command.Outcome;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.util.List;
import java.util.Map;

/**
 * Runs a script's lines in this process, one after the other. The first failure stops the run with
 * {@code name:LINE: message} and status 1, unless keep-going is set, in which case every line runs and the status
 * is 1 if any failed.
 */
public final class ScriptRunner {
    private final CommandRunner commands;
    private final PrintStream err;
    private final Variables variables;
    private final boolean keepGoing;
    private final LineSplitter splitter = new LineSplitter();

    public ScriptRunner(CommandRunner commands, PrintStream err, Map<String, String> variables, boolean keepGoing) {
        this.commands = commands;
        this.err = err;
        this.variables = new Variables(variables);
        this.keepGoing = keepGoing;
    }

    public int run(String name, Reader script) throws IOException {
        List<ScriptLine> lines = ScriptReader.read(script);
        boolean failed = false;
        for (ScriptLine line : lines) {
            String error = runLine(line);
            if (error != null) {
                err.println(name + ":" + line.number() + ": " + error);
                failed = true;
                if (!keepGoing) {
                    break;
                }
            }
        }
        return failed ? Outcome.FAILURE : Outcome.OK;
    }

    /** Runs one line; returns the error message, or null when it succeeded. */
    private String runLine(ScriptLine line) {
        List<String> words;
        try {
            words = splitter.split(variables.expand(line.text()));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (words.isEmpty()) {
            return null;
        }
        Outcome outcome = commands.run(words.toArray(String[]::new));
        return outcome.failed() ? (outcome.error() == null ? "failed" : outcome.error()) : null;
    }
}
