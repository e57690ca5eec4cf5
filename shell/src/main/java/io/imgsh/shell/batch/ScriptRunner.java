package io.imgsh.shell.batch;

import io.imgsh.shell.command.CommandRunner;
import io.imgsh.shell.command.Outcome;
import io.imgsh.shell.line.LineSplitter;
import io.imgsh.shell.line.Variables;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.util.List;
import java.util.Map;

/**
 * Runs a script's lines in this process, one after the other. The first failure stops the run with
 * {@code name:LINE: message} and status 1, unless keep-going is set, in which case every line runs and the status
 * is 1 if any failed. {@code exit [N]} ends the run with status N.
 */
public final class ScriptRunner {
    private final CommandRunner commands;
    private final PrintStream err;
    private final boolean keepGoing;
    private final LineSplitter splitter;

    public ScriptRunner(CommandRunner commands, PrintStream err, Map<String, String> variables, boolean keepGoing) {
        this.commands = commands;
        this.err = err;
        this.splitter = new LineSplitter(new Variables(variables));
        this.keepGoing = keepGoing;
    }

    public int run(String name, Reader script) throws IOException {
        List<ScriptLine> lines = ScriptReader.read(script);
        boolean failed = false;
        for (ScriptLine line : lines) {
            Outcome outcome = runLine(line);
            if (outcome.leave()) {
                return outcome.status();
            }
            if (outcome.failed()) {
                err.println(name + ":" + line.number() + ": " + (outcome.error() == null ? "failed" : outcome.error()));
                failed = true;
                if (!keepGoing) {
                    break;
                }
            }
        }
        return failed ? Outcome.FAILURE : Outcome.OK;
    }

    private Outcome runLine(ScriptLine line) {
        List<String> words;
        try {
            words = splitter.split(line.text());
        } catch (IllegalArgumentException e) {
            return new Outcome(Outcome.USAGE, e.getMessage());
        }
        return words.isEmpty() ? Outcome.ok() : commands.run(words.toArray(String[]::new));
    }
}
