package io.imgsh.shell.render;

import java.util.Comparator;
import java.util.List;

/**
 * LXD's row order for table/compact/csv ({@code utils.StringList}): the first column in which two rows
 * differ decides, with {@link NaturalOrder}, except that an empty cell sorts after any non-empty one.
 */
public final class RowSorter {
    private static final Comparator<List<String>> ORDER = RowSorter::compare;

    private RowSorter() {
    }

    /** Sorts {@code rows} in place. */
    public static void sort(List<List<String>> rows) {
        rows.sort(ORDER);
    }

    private static int compare(List<String> a, List<String> b) {
        for (int column = 0; column < Math.min(a.size(), b.size()); column++) {
            String x = a.get(column);
            String y = b.get(column);
            if (!x.equals(y)) {
                if (x.isEmpty()) {
                    return 1;
                }
                if (y.isEmpty()) {
                    return -1;
                }
                return NaturalOrder.INSTANCE.compare(x, y);
            }
        }
        return 0;
    }
}
