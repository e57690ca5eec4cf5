package io.imgsh.shell.command.common;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.render.Column;
import io.imgsh.shell.render.ColumnLetters;
import io.imgsh.shell.render.OutputFormat;
import java.util.List;
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

    /** The {@code -c} value {@code letters}, picking from {@code columns}. @throws ParameterException if bad */
    public <T> List<Column<T>> columns(String letters, List<Column<T>> columns) {
        try {
            return ColumnLetters.parse(letters, columns);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }
}
