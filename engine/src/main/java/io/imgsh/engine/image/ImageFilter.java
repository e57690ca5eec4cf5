package io.imgsh.engine.image;

import io.imgsh.engine.json.ApiTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code image list} filters, all of which must match, selecting what {@code lxc image list} 5.0.2 selects. From an
 * LXD server ({@link #of}):
 * <ul>
 *   <li>A bare word is a case-sensitive substring of an alias name or of the fingerprint.</li>
 *   <li>{@code key=value} with {@code key} a top-level field of the image object and no {@code ,} in the value is
 *       what {@code lxc} has the server evaluate ({@code filter=key eq value}): it looks at that field only, never at
 *       properties. The text fields ({@code architecture}, {@code type}, {@code fingerprint}, {@code filename}) match
 *       a case-insensitive regular expression, anchored at both ends unless the value contains {@code ^} or
 *       {@code $} ({@code architecture=x86.*}, {@code type=CONTAINER}); a value that does not compile is compared
 *       case-insensitively. The lists ({@code aliases}, {@code profiles}, {@code properties}) never match. LXD 5.0.2
 *       matches none of the other fields either; imgsh compares them with their JSON text ({@code public=true},
 *       {@code cached=false}, {@code auto_update=true}, {@code size=734}, {@code created_at=2023-11-14T22:13:20Z}).</li>
 *   <li>Any other {@code key=value} is what {@code lxc} evaluates itself: a property whose key matches {@code key}
 *       component-wise by prefix ({@code req.secure} hits {@code requirements.secureboot}) with a case-sensitive
 *       regular expression anchored as above (an invalid one compared exactly), or a top-level field whose JSON text
 *       equals the value.</li>
 * </ul>
 * From a server that filters nothing, such as a simplestreams one ({@link #clientSide}), {@code lxc} evaluates every
 * {@code key=value} itself, as in the last case ({@code type=squashfs} then matches a simplestreams image's
 * {@code type} property). Regular expressions use Java's syntax, which agrees with Go's RE2 on the common constructs.
 */
public final class ImageFilter {
    /** Top-level fields whose values are lists or maps: LXD's server never finds them equal to a filter value. */
    private static final Set<String> LIST_FIELDS = Set.of("aliases", "profiles", "properties");

    private final List<Predicate<Image>> terms;

    private ImageFilter(List<Predicate<Image>> terms) {
        this.terms = terms;
    }

    /** The filters as {@code lxc} and an LXD server apply them together: the local store, lxd remotes. */
    public static ImageFilter of(List<String> filters) {
        return new ImageFilter(filters.stream().map(f -> term(f, true)).toList());
    }

    /** The filters as {@code lxc} applies them alone, to the images of a server that cannot filter. */
    public static ImageFilter clientSide(List<String> filters) {
        return new ImageFilter(filters.stream().map(f -> term(f, false)).toList());
    }

    public boolean matches(Image image) {
        for (Predicate<Image> t : terms) {
            if (!t.test(image)) {
                return false;
            }
        }
        return true;
    }

    private static Predicate<Image> term(String filter, boolean byServer) {
        int eq = filter.indexOf('=');
        if (eq < 0) {
            return image -> image.fingerprint().contains(filter)
                    || image.aliases().stream().anyMatch(a -> a.name().contains(filter));
        }
        String key = filter.substring(0, eq);
        String value = filter.substring(eq + 1);
        Optional<Field> field = Field.named(key);
        // lxc keeps a value with a comma to itself, as the server's filter language has no lists.
        boolean serverSide = byServer && !value.contains(",");
        if (serverSide && field.isPresent()) {
            Predicate<String> test = field.get().text ? anchored(value, true) : value::equals;
            return image -> test.test(Objects.requireNonNullElse(field.get().of(image), ""));
        }
        if (serverSide && LIST_FIELDS.contains(key)) {
            return image -> false;
        }
        Predicate<String> test = anchored(value, false);
        return image -> {
            for (Map.Entry<String, String> p : image.properties().entrySet()) {
                if (dotPrefixMatch(key, p.getKey()) && test.test(p.getValue())) {
                    return true;
                }
            }
            return field.isPresent() && value.equals(field.get().of(image));
        };
    }

    /** {@code value} as LXD turns it into a regular expression; one that does not compile is compared whole. */
    private static Predicate<String> anchored(String value, boolean ignoreCase) {
        String regex = value.contains("^") || value.contains("$") ? value : "^" + value + "$";
        try {
            Pattern pattern = Pattern.compile(regex,
                    ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
            return s -> pattern.matcher(s).find();
        } catch (PatternSyntaxException e) {
            return ignoreCase ? value::equalsIgnoreCase : value::equals;
        }
    }

    /** Same number of dot-separated components, each filter component a prefix of the key's. */
    static boolean dotPrefixMatch(String filterKey, String key) {
        String[] f = filterKey.split("\\.", -1);
        String[] k = key.split("\\.", -1);
        if (f.length != k.length) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (!k[i].startsWith(f[i])) {
                return false;
            }
        }
        return true;
    }

    /** The scalar top-level fields of the image object that {@code key=value} matches, as their JSON text. */
    public enum Field {
        FINGERPRINT("fingerprint", "SHA-256", true, Image::fingerprint),
        FILENAME("filename", "file name", true, Image::filename),
        ARCHITECTURE("architecture", "x86_64, aarch64, ...", true, Image::architecture),
        TYPE("type", "container or virtual-machine", true, Image::type),
        PUBLIC("public", "true or false", false, i -> String.valueOf(i.isPublic())),
        CACHED("cached", "true or false", false, i -> String.valueOf(i.cached())),
        AUTO_UPDATE("auto_update", "true or false", false, i -> String.valueOf(i.autoUpdate())),
        SIZE("size", "bytes", false, i -> String.valueOf(i.size())),
        CREATED_AT("created_at", "RFC 3339 time", false, i -> ApiTime.format(i.createdAt())),
        EXPIRES_AT("expires_at", "RFC 3339 time", false, i -> ApiTime.format(i.expiresAt())),
        UPLOADED_AT("uploaded_at", "RFC 3339 time", false, i -> ApiTime.format(i.uploadedAt())),
        LAST_USED_AT("last_used_at", "RFC 3339 time", false, i -> ApiTime.format(i.lastUsedAt()));

        private final String key;
        private final String description;
        /** A string in LXD's image object, which its server matches as a case-insensitive regular expression. */
        private final boolean text;
        private final Function<Image, String> value;

        Field(String key, String description, boolean text, Function<Image, String> value) {
            this.key = key;
            this.description = description;
            this.text = text;
            this.value = value;
        }

        /** The JSON field name, as a filter names it. */
        public String key() {
            return key;
        }

        /** What its values look like. */
        public String description() {
            return description;
        }

        /** The field of {@code image} as its JSON text. */
        public String of(Image image) {
            return value.apply(image);
        }

        public static Optional<Field> named(String key) {
            for (Field f : values()) {
                if (f.key.equals(key)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }
}
