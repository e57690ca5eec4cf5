package io.imgsh.engine.image;

import io.imgsh.engine.json.ApiTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code image list} filters, all of which must match. A bare word is a substring of an alias name or of the
 * fingerprint. {@code key=value} matches a property whose key matches {@code key} component-wise by prefix
 * ({@code req.secure} hits {@code requirements.secureboot}) with an anchored regular expression, or a top-level
 * field of the image object ({@code public=true}, {@code architecture=x86_64}) exactly.
 */
public final class ImageFilter {
    private final List<Predicate<Image>> terms;

    private ImageFilter(List<Predicate<Image>> terms) {
        this.terms = terms;
    }

    public static ImageFilter of(List<String> filters) {
        return new ImageFilter(filters.stream().map(ImageFilter::term).toList());
    }

    public boolean matches(Image image) {
        for (Predicate<Image> t : terms) {
            if (!t.test(image)) {
                return false;
            }
        }
        return true;
    }

    private static Predicate<Image> term(String filter) {
        int eq = filter.indexOf('=');
        if (eq < 0) {
            return image -> image.fingerprint().contains(filter)
                    || image.aliases().stream().anyMatch(a -> a.name().contains(filter));
        }
        String key = filter.substring(0, eq);
        String value = filter.substring(eq + 1);
        Pattern pattern = anchored(value);
        return image -> {
            for (Map.Entry<String, String> p : image.properties().entrySet()) {
                if (dotPrefixMatch(key, p.getKey())
                        && (pattern == null ? value.equals(p.getValue()) : pattern.matcher(p.getValue()).find())) {
                    return true;
                }
            }
            return value.equals(topLevelField(image, key));
        };
    }

    private static Pattern anchored(String value) {
        String regex = value.contains("^") || value.contains("$") ? value : "^" + value + "$";
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return null;
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

    private static String topLevelField(Image image, String key) {
        return Field.named(key).map(f -> f.of(image)).orElse(null);
    }

    /** The scalar top-level fields of the image object that {@code key=value} matches exactly, as their JSON text. */
    public enum Field {
        FINGERPRINT("fingerprint", "SHA-256", Image::fingerprint),
        FILENAME("filename", "file name", Image::filename),
        ARCHITECTURE("architecture", "x86_64, aarch64, ...", Image::architecture),
        TYPE("type", "container or virtual-machine", Image::type),
        PUBLIC("public", "true or false", i -> String.valueOf(i.isPublic())),
        CACHED("cached", "true or false", i -> String.valueOf(i.cached())),
        AUTO_UPDATE("auto_update", "true or false", i -> String.valueOf(i.autoUpdate())),
        SIZE("size", "bytes", i -> String.valueOf(i.size())),
        CREATED_AT("created_at", "RFC 3339 time", i -> ApiTime.format(i.createdAt())),
        EXPIRES_AT("expires_at", "RFC 3339 time", i -> ApiTime.format(i.expiresAt())),
        UPLOADED_AT("uploaded_at", "RFC 3339 time", i -> ApiTime.format(i.uploadedAt())),
        LAST_USED_AT("last_used_at", "RFC 3339 time", i -> ApiTime.format(i.lastUsedAt()));

        private final String key;
        private final String description;
        private final Function<Image, String> value;

        Field(String key, String description, Function<Image, String> value) {
            this.key = key;
            this.description = description;
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
