package io.imgsh.shell.completion;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.shell.command.CommandRunner;
import io.imgsh.shell.command.ImgshCommand;
import io.imgsh.shell.session.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every argument of the command trees says what it completes, so a new one cannot silently complete nothing. */
class CompletionDeclarationsTest {
    private final Session session = new Session(new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), Map.of(),
            Clock.systemUTC(), false);

    @Test
    void everyParameterAndOptionValueOfThePromptsTreeDeclaresWhatItCompletes() {
        CommandLine prompt = CommandRunner.forLines(session).commandLine();
        assertThat(undeclared(prompt.getCommandSpec())).isEmpty();
    }

    @Test
    void soDoTheOneShotCommandLinesOwnOptions() {
        CommandLine oneShot = CommandRunner.forArgs(session, new ImgshCommand(session), "--help").commandLine();
        assertThat(undeclared(oneShot.getCommandSpec())).isEmpty();
    }

    @Test
    void theAnnotationIsReadThroughTheArgumentsFieldEvenInAMixin() {
        CommandSpec list = CommandRunner.forLines(session).commandLine().getSubcommands().get("image")
                .getSubcommands().get("list").getCommandSpec();
        assertThat(Completes.Kind.of(list.findOption("--format"))).contains(Completes.Kind.FORMAT);
        assertThat(Completes.Kind.of(list.findOption("--columns"))).contains(Completes.Kind.COLUMNS);
        assertThat(Completes.Kind.of(list.positionalParameters().get(0))).contains(Completes.Kind.IMAGE_FILTER);
        // no annotation, but picocli candidates
        CommandSpec copy = CommandRunner.forLines(session).commandLine().getSubcommands().get("image")
                .getSubcommands().get("copy").getCommandSpec();
        assertThat(Completes.Kind.of(copy.findOption("--mode"))).contains(Completes.Kind.CANDIDATES);
        // a value-less flag declares nothing
        assertThat(Completes.Kind.of(copy.findOption("--public"))).isEmpty();
    }

    /** "command: argument" for each value-taking argument under {@code root} that declares nothing. */
    private static List<String> undeclared(CommandSpec root) {
        List<String> out = new ArrayList<>();
        walk(root, out);
        return out;
    }

    private static void walk(CommandSpec command, List<String> out) {
        for (ArgSpec arg : command.args()) {
            boolean takesValue = !(arg instanceof OptionSpec o) || o.arity().max() > 0;
            if (takesValue && Completes.Kind.of(arg).isEmpty()) {
                out.add(command.qualifiedName().strip() + ": " + (arg instanceof OptionSpec o ? o.longestName()
                        : arg.paramLabel()));
            }
        }
        command.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
                .forEach(sub -> walk(sub, out));
    }
}
