package io.imgsh.engine.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code image list}: the first may start with a remote ({@code remote:} or {@code remote:word},
 * split as {@link ImageRef} splits it); the rest are filters. A colon after an {@code =} belongs to a
 * {@code key=value} filter, not to a remote.
 *
 * @param remote the remote given, or null when none was
 */
public record ListQuery(String remote, List<String> filters) {
    public ListQuery {
        filters = List.copyOf(filters);
    }

    public static ListQuery parse(List<String> args) {
        List<String> filters = new ArrayList<>(args);
        if (filters.isEmpty()) {
            return new ListQuery(null, filters);
        }
        String first = filters.get(0);
        int colon = first.indexOf(':');
        int eq = first.indexOf('=');
        if (colon < 0 || eq >= 0 && eq < colon) {
            return new ListQuery(null, filters);
        }
        ImageRef ref = ImageRef.parseName(first, null);
        if (ref.name().isEmpty()) {
            filters.remove(0);
        } else {
            filters.set(0, ref.name());
        }
        return new ListQuery(ref.remote(), filters);
    }
}
