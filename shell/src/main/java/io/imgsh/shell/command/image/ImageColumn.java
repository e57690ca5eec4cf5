package io.imgsh.shell.command.image;

import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import io.imgsh.shell.command.ColumnLetters;
import io.imgsh.shell.render.LxdFormats;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The columns of {@code image list}, by their {@code -c} letter. */
public enum ImageColumn {
    ALIAS('l', "ALIAS", "alias", ImageColumn::shortestAlias),
    ALIASES('L', "ALIASES", "aliases",
            i -> String.join("\n", i.aliases().stream().map(ImageAlias::name).sorted().toList())),
    FINGERPRINT('f', "FINGERPRINT", "fingerprint", Image::shortFingerprint),
    FULL_FINGERPRINT('F', "FINGERPRINT", "full fingerprint", Image::fingerprint),
    PUBLIC('p', "PUBLIC", "public", i -> i.isPublic() ? "yes" : "no"),
    DESCRIPTION('d', "DESCRIPTION", "description", i -> i.properties().getOrDefault("description", "")),
    ARCHITECTURE('a', "ARCHITECTURE", "architecture", Image::architecture),
    TYPE('t', "TYPE", "type", i -> i.type().isEmpty() ? "CONTAINER" : i.type().toUpperCase(Locale.ROOT)),
    SIZE('s', "SIZE", "size", i -> LxdFormats.size(i.size())),
    UPLOAD_DATE('u', "UPLOAD DATE", "upload date", i -> LxdFormats.listDate(i.uploadedAt()));

    public static final String DEFAULT = "lfpdatsu";

    private final char letter;
    private final String header;
    private final String description;
    private final Function<Image, String> cell;

    ImageColumn(char letter, String header, String description, Function<Image, String> cell) {
        this.letter = letter;
        this.header = header;
        this.description = description;
        this.cell = cell;
    }

    /** The {@code -c} option's candidates ({@code "l alias"}, ...), for its help and for completion. */
    public static final class Letters implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ColumnLetters.described(values(), ImageColumn::letter, c -> c.description).iterator();
        }
    }

    public char letter() {
        return letter;
    }

    public String header() {
        return header;
    }

    public String cell(Image image) {
        return cell.apply(image);
    }

    /** Parses a {@code -c} value; see {@link ColumnLetters}. */
    public static List<ImageColumn> parse(String spec) {
        return ColumnLetters.parse(spec, values(), ImageColumn::letter);
    }

    /** The shortest alias name (the earliest among equals) plus " (N more)" when there are others. */
    private static String shortestAlias(Image image) {
        int others = image.aliases().size() - 1;
        return others > 0 ? image.shortestAlias() + " (" + others + " more)" : image.shortestAlias();
    }
}
