package io.imgsh.shell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Parses a {@code -c} value: comma-separated groups of column letters ({@code lfpdatsu}, {@code l,F}). */
public final class ColumnLetters {
    private ColumnLetters() {
    }

    /** @throws IllegalArgumentException with LXD's message for an empty group or an unknown letter */
    public static <C> List<C> parse(String spec, C[] columns, Function<C, Character> letter) {
        List<C> out = new ArrayList<>();
        for (String group : spec.split(",", -1)) {
            if (group.isEmpty()) {
                throw new IllegalArgumentException(
                        "Empty column entry (redundant, leading or trailing comma) in '" + spec + "'");
            }
            for (char c : group.toCharArray()) {
                out.add(find(c, spec, columns, letter));
            }
        }
        return out;
    }

    /**
     * {@code "l alias"} for each column, in order: the completion candidates of a {@code -c} option, which its help
     * lists through {@code ${COMPLETION-CANDIDATES}} and completion offers letter by letter.
     */
    public static <C> List<String> described(C[] columns, Function<C, Character> letter,
                                             Function<C, String> description) {
        List<String> out = new ArrayList<>();
        for (C column : columns) {
            out.add(letter.apply(column) + " " + description.apply(column));
        }
        return out;
    }

    private static <C> C find(char c, String spec, C[] columns, Function<C, Character> letter) {
        for (C column : columns) {
            if (letter.apply(column) == c) {
                return column;
            }
        }
        throw new IllegalArgumentException("Unknown column shorthand char '" + c + "' in '" + spec + "'");
    }
}
