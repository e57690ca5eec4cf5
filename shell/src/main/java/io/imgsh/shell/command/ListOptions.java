package io.imgsh.shell.command;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.render.OutputFormat;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code -f/--format} option of the list commands, and their {@code -c} values as usage errors when bad.
 * {@code -c} stays declared by each command: its default and its letters (its completion candidates) differ.
 */
public final class ListOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Completes(Kind.FORMAT)
    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, compact, csv, json or yaml (default: ${DEFAULT-VALUE})")
    private OutputFormat format;

    public OutputFormat format() {
        return format;
    }

    /** The {@code -c} value {@code columns} as {@code letters} parses it. @throws ParameterException if bad */
    public <C> List<C> columns(String columns, Function<String, List<C>> letters) {
        return parse(letters, columns);
    }

    private <T> T parse(Function<String, T> parser, String value) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }
}
