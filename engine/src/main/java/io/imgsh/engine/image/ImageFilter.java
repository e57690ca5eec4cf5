package io.imgsh.engine.image;

import io.imgsh.engine.json.ApiTime;
import java.util.List;
import java.util.Map;
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

    /** The scalar top-level fields of the image object, as their JSON text. */
    private static String topLevelField(Image image, String key) {
        return switch (key) {
            case "fingerprint" -> image.fingerprint();
            case "filename" -> image.filename();
            case "architecture" -> image.architecture();
            case "type" -> image.type();
            case "public" -> String.valueOf(image.isPublic());
            case "cached" -> String.valueOf(image.cached());
            case "auto_update" -> String.valueOf(image.autoUpdate());
            case "size" -> String.valueOf(image.size());
            case "created_at" -> ApiTime.format(image.createdAt());
            case "expires_at" -> ApiTime.format(image.expiresAt());
            case "uploaded_at" -> ApiTime.format(image.uploadedAt());
            case "last_used_at" -> ApiTime.format(image.lastUsedAt());
            default -> null;
        };
    }
}
