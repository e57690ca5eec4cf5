package io.imgsh.shell.render;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Parses a {@code -c} value: comma-separated groups of column letters ({@code lfpdatsu}, {@code l,F}). */
public final class ColumnLetters {
    private ColumnLetters() {
    }

    /** @throws IllegalArgumentException with LXD's message for an empty group or an unknown letter */
    public static <T> List<Column<T>> parse(String spec, List<Column<T>> columns) {
        List<Column<T>> out = new ArrayList<>();
        for (String group : spec.split(",", -1)) {
            if (group.isEmpty()) {
                throw new IllegalArgumentException(
                        "Empty column entry (redundant, leading or trailing comma) in '" + spec + "'");
            }
            for (char c : group.toCharArray()) {
                out.add(find(c, spec, columns));
            }
        }
        return out;
    }

    /**
     * {@code "l alias"} for each column, in order: the completion candidates of a {@code -c} option, which its help
     * lists through {@code ${COMPLETION-CANDIDATES}} and completion offers letter by letter.
     */
    public static List<String> described(List<? extends Column<?>> columns) {
        return columns.stream().map(column -> column.letter() + " " + column.description()).toList();
    }

    /** The candidates of a {@code -c} option ({@code completionCandidates} is a class): {@link #described}. */
    public abstract static class Candidates implements Iterable<String> {
        private final List<? extends Column<?>> columns;

        protected Candidates(List<? extends Column<?>> columns) {
            this.columns = columns;
        }

        @Override
        public Iterator<String> iterator() {
            return described(columns).iterator();
        }
    }

    private static <T> Column<T> find(char c, String spec, List<Column<T>> columns) {
        return columns.stream().filter(column -> column.letter() == c).findFirst().orElseThrow(() ->
                new IllegalArgumentException("Unknown column shorthand char '" + c + "' in '" + spec + "'"));
    }
}
