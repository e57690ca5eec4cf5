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
import java.util.function.Function;

/**
 * Runs a script's lines in this process, one after the other. The first failure stops the run with
 * {@code name:LINE: message} and status 1, unless keep-going is set, in which case every line runs and the status
 * is 1 if any failed. {@code exit [N]} ends the run with status N.
 */
public final class ScriptRunner {
    private final Function<List<String[]>, CommandRunner> commands;
    private final PrintStream err;
    private final boolean keepGoing;
    private final LineSplitter splitter;

    /** {@code commands} makes the runner for the given lines' words (those that split), before any line runs. */
    public ScriptRunner(Function<List<String[]>, CommandRunner> commands, PrintStream err,
                        Map<String, String> variables, boolean keepGoing) {
        this.commands = commands;
        this.err = err;
        this.splitter = new LineSplitter(new Variables(variables));
        this.keepGoing = keepGoing;
    }

    public int run(String name, Reader script) throws IOException {
        List<ScriptLine> lines = ScriptReader.read(script);
        List<Split> splits = lines.stream().map(this::split).toList();
        CommandRunner runner = commands.apply(splits.stream().map(Split::words)
                .filter(words -> words != null && words.length > 0).toList());
        boolean failed = false;
        for (int i = 0; i < lines.size(); i++) {
            Outcome outcome = splits.get(i).run(runner);
            if (outcome.leave()) {
                return outcome.status();
            }
            if (outcome.failed()) {
                err.println(name + ":" + lines.get(i).number() + ": "
                        + (outcome.error() == null ? "failed" : outcome.error()));
                failed = true;
                if (!keepGoing) {
                    break;
                }
            }
        }
        return failed ? Outcome.FAILURE : Outcome.OK;
    }

    /** The variables do not change while a script runs, so every line is split before the first one runs. */
    private Split split(ScriptLine line) {
        try {
            return new Split(splitter.split(line.text()).toArray(String[]::new), null);
        } catch (IllegalArgumentException e) {
            return new Split(null, e.getMessage());
        }
    }

    /** A line's words, or why it could not be split into words. */
    private record Split(String[] words, String error) {
        Outcome run(CommandRunner runner) {
            if (words == null) {
                return new Outcome(Outcome.USAGE, error);
            }
            return words.length == 0 ? Outcome.ok() : runner.run(words);
        }
    }
}
