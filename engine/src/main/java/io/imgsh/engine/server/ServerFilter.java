package io.imgsh.engine.server;

import io.imgsh.engine.image.Image;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code filter=} of {@code GET /1.0/images} as the lxc client sends it: {@code field eq value} or
 * {@code field ne value} terms joined by {@code and}; a field is a top-level image field or
 * {@code properties.<key>}, and a value may be double-quoted. Anything else is refused rather than half-applied.
 */
final class ServerFilter {
    private static final Pattern TERM = Pattern.compile("\\s*([\\w.-]+)\\s+(eq|ne)\\s+(\"([^\"]*)\"|\\S+)\\s*");

    private ServerFilter() {
    }

    static Predicate<Image> parse(String filter) {
        List<Predicate<Image>> terms = new ArrayList<>();
        for (String term : filter.split("(?i)\\s+and\\s+")) {
            Matcher m = TERM.matcher(term);
            if (!m.matches()) {
                throw new ApiError(400, "Invalid filter: \"" + filter + "\"");
            }
            String field = m.group(1);
            String value = m.group(4) != null ? m.group(4) : m.group(3);
            boolean equal = m.group(2).equals("eq");
            terms.add(image -> value.equals(field(image, field, filter)) == equal);
        }
        return terms.stream().reduce(i -> true, Predicate::and);
    }

    private static String field(Image image, String field, String filter) {
        if (field.startsWith("properties.")) {
            return image.properties().get(field.substring("properties.".length()));
        }
        return switch (field) {
            case "fingerprint" -> image.fingerprint();
            case "filename" -> image.filename();
            case "architecture" -> image.architecture();
            case "type" -> image.type();
            case "size" -> Long.toString(image.size());
            case "public" -> Boolean.toString(image.isPublic());
            case "auto_update" -> Boolean.toString(image.autoUpdate());
            case "cached" -> Boolean.toString(image.cached());
            default -> throw new ApiError(400, "Invalid filter: unknown field \"" + field + "\" in \"" + filter
                    + "\"");
        };
    }
}
