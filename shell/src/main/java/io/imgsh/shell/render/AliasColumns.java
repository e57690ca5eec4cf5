package io.imgsh.shell.render;

import io.imgsh.engine.image.AliasEntry;
import java.util.List;
import java.util.Locale;

/** The columns of {@code image alias list}, by their {@code -c} letter. */
public final class AliasColumns {
    public static final List<Column<AliasEntry>> ALL = List.of(
            new Column<>('a', "ALIAS", "alias", AliasEntry::name),
            new Column<>('f', "FINGERPRINT", "fingerprint",
                    a -> a.target().substring(0, Math.min(12, a.target().length()))),
            new Column<>('t', "TYPE", "type",
                    a -> a.type() == null || a.type().isEmpty() ? "CONTAINER" : a.type().toUpperCase(Locale.ROOT)),
            new Column<>('d', "DESCRIPTION", "description", AliasEntry::description));
    public static final String DEFAULT = "aftd";

    private AliasColumns() {
    }

    /** The {@code -c} option's candidates ({@code "a alias"}, ...), for its help and for completion. */
    public static final class Letters extends ColumnLetters.Candidates {
        public Letters() {
            super(ALL);
        }
    }
}
