package io.imgsh.shell.render;

import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import java.util.List;
import java.util.Locale;

/** The columns of {@code image list} and of the browser, by their {@code -c} letter. */
public final class ImageColumns {
    public static final Column<Image> ALIAS = new Column<>('l', "ALIAS", "alias", ImageColumns::shortestAlias);
    public static final Column<Image> ALIASES = new Column<>('L', "ALIASES", "aliases",
            i -> String.join("\n", i.aliases().stream().map(ImageAlias::name).sorted().toList()));
    public static final Column<Image> FINGERPRINT = new Column<>('f', "FINGERPRINT", "fingerprint",
            Image::shortFingerprint);
    public static final Column<Image> FULL_FINGERPRINT = new Column<>('F', "FINGERPRINT", "full fingerprint",
            Image::fingerprint);
    public static final Column<Image> PUBLIC = new Column<>('p', "PUBLIC", "public",
            i -> i.isPublic() ? "yes" : "no");
    public static final Column<Image> DESCRIPTION = new Column<>('d', "DESCRIPTION", "description",
            i -> i.properties().getOrDefault("description", ""));
    public static final Column<Image> ARCHITECTURE = new Column<>('a', "ARCHITECTURE", "architecture",
            Image::architecture);
    public static final Column<Image> TYPE = new Column<>('t', "TYPE", "type",
            i -> i.type().isEmpty() ? "CONTAINER" : i.type().toUpperCase(Locale.ROOT));
    public static final Column<Image> SIZE = new Column<>('s', "SIZE", "size", i -> LxdFormats.size(i.size()));
    public static final Column<Image> UPLOAD_DATE = new Column<>('u', "UPLOAD DATE", "upload date",
            i -> LxdFormats.listDate(i.uploadedAt()));

    public static final List<Column<Image>> ALL = List.of(ALIAS, ALIASES, FINGERPRINT, FULL_FINGERPRINT, PUBLIC,
            DESCRIPTION, ARCHITECTURE, TYPE, SIZE, UPLOAD_DATE);
    public static final String DEFAULT = "lfpdatsu";

    private ImageColumns() {
    }

    /** The {@code -c} option's candidates ({@code "l alias"}, ...), for its help and for completion. */
    public static final class Letters extends ColumnLetters.Candidates {
        public Letters() {
            super(ALL);
        }
    }

    /** The shortest alias name (the earliest among equals) plus " (N more)" when there are others. */
    private static String shortestAlias(Image image) {
        int others = image.aliases().size() - 1;
        return others > 0 ? image.shortestAlias() + " (" + others + " more)" : image.shortestAlias();
    }
}
