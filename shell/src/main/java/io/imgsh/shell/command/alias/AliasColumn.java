package io.imgsh.shell.command.alias;

import io.imgsh.engine.image.AliasEntry;
import io.imgsh.shell.command.ColumnLetters;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The columns of {@code image alias list}, by their {@code -c} letter. */
public enum AliasColumn {
    ALIAS('a', "ALIAS", "alias", AliasEntry::name),
    FINGERPRINT('f', "FINGERPRINT", "fingerprint", a -> a.target().substring(0, Math.min(12, a.target().length()))),
    TYPE('t', "TYPE", "type", a -> a.type() == null || a.type().isEmpty() ? "CONTAINER" : a.type().toUpperCase(Locale.ROOT)),
    DESCRIPTION('d', "DESCRIPTION", "description", AliasEntry::description);

    public static final String DEFAULT = "aftd";

    private final char letter;
    private final String header;
    private final String description;
    private final Function<AliasEntry, String> cell;

    AliasColumn(char letter, String header, String description, Function<AliasEntry, String> cell) {
        this.letter = letter;
        this.header = header;
        this.description = description;
        this.cell = cell;
    }

    /** The {@code -c} option's candidates ({@code "a alias"}, ...), for its help and for completion. */
    public static final class Letters implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ColumnLetters.described(values(), c -> c.letter, c -> c.description).iterator();
        }
    }

    public String header() {
        return header;
    }

    public String cell(AliasEntry alias) {
        return cell.apply(alias);
    }

    /** Parses a {@code -c} value; see {@link ColumnLetters}. */
    public static List<AliasColumn> parse(String spec) {
        return ColumnLetters.parse(spec, values(), c -> c.letter);
    }
}
