package io.imgsh.shell.view;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFilter;
import io.imgsh.engine.image.ListQuery;
import io.imgsh.shell.line.LineSplitter;
import io.imgsh.shell.render.Column;
import io.imgsh.shell.render.ColumnLetters;
import io.imgsh.shell.render.ImageColumns;
import io.imgsh.shell.render.NaturalOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * What the browser shows, kept in memory: every image's row cells are computed once per load (the {@code image list}
 * default columns, as {@link ImageColumns} formats them); a sort order is computed once per column and kept; a filter
 * walks the sorted rows with {@link ImageFilter}, the {@code image list} rules. Nothing here reads the store.
 */
final class BrowseModel {
    static final List<Column<Image>> COLUMNS = ColumnLetters.parse(ImageColumns.DEFAULT, ImageColumns.ALL);
    private static final int FINGERPRINT = COLUMNS.indexOf(ImageColumns.FINGERPRINT);
    private static final int SIZE = COLUMNS.indexOf(ImageColumns.SIZE);
    private static final int UPLOAD_DATE = COLUMNS.indexOf(ImageColumns.UPLOAD_DATE);

    /** One image and its cells, in {@link #COLUMNS} order. */
    record Row(Image image, String[] cells) {
        String fingerprint() {
            return image.fingerprint();
        }
    }

    /** The remote whose images are browsed ({@code local}: the store). */
    private final String remote;
    private List<Row> all = List.of();
    /** Per column, the rows in its order (computed on first use, then kept until the next load). */
    private final List<List<Row>> ascending = new ArrayList<>(Collections.nCopies(COLUMNS.size(), null));
    private final List<List<Row>> descending = new ArrayList<>(Collections.nCopies(COLUMNS.size(), null));
    private int sortColumn;
    private boolean reversed;
    private String filterText = "";
    private ImageFilter filter;
    private List<Row> shown = List.of();
    private int[] widths = new int[COLUMNS.size()];

    /** Replaces the images (after a change made through the view, or the first load). */
    void load(List<Image> images) {
        List<Row> rows = new ArrayList<>(images.size());
        int[] w = new int[COLUMNS.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = COLUMNS.get(c).header().length();
        }
        for (Image image : images) {
            String[] cells = new String[COLUMNS.size()];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = oneLine(COLUMNS.get(c).cell(image));
                w[c] = Math.max(w[c], Draw.width(cells[c]));
            }
            rows.add(new Row(image, cells));
        }
        all = rows;
        widths = w;
        Collections.fill(ascending, null);
        Collections.fill(descending, null);
        refilter();
    }

    private static String oneLine(String cell) {
        return cell.indexOf('\n') < 0 && cell.indexOf('\t') < 0 ? cell : cell.replace('\n', ' ').replace('\t', ' ');
    }

    int total() {
        return all.size();
    }

    /** The rows that pass the filter, in the sort order. */
    List<Row> shown() {
        return shown;
    }

    /**
     * The widest cell of each column over all images (headers included, with room for the sort mark on the sorted
     * column), so that the layout does not change while scrolling or filtering.
     */
    int[] widths() {
        int[] w = widths.clone();
        w[sortColumn] = Math.max(w[sortColumn], COLUMNS.get(sortColumn).header().length() + 1);
        return w;
    }

    int sortColumn() {
        return sortColumn;
    }

    boolean reversed() {
        return reversed;
    }

    String filterText() {
        return filterText;
    }

    /** Sorts by the next column (after the last, the first again), ascending. */
    void cycleSort() {
        sortColumn = (sortColumn + 1) % COLUMNS.size();
        reversed = false;
        refilter();
    }

    BrowseModel(String remote) {
        this.remote = remote;
    }

    void reverseSort() {
        reversed = !reversed;
        refilter();
    }

    /**
     * Filters with {@code text}: words as the shell splits them (an unclosed quote counts as closed, as it is being
     * typed), each one an {@code image list} filter, all of which must match; a prefix naming the browsed remote on
     * the first word is dropped as {@code image list} drops it.
     *
     * @throws InvalidInputException for another remote (the filter is then left as it was)
     */
    void filter(String text) {
        filter(text, filtersOn(remote, words(text)));
    }

    /** Filters with {@code filters}, already parsed (the command line's, its remote taken off), shown as {@code text}. */
    void filter(String text, List<String> filters) {
        filterText = text;
        filter = filters.isEmpty() ? null : ImageFilter.of(filters);
        refilter();
    }

    private void refilter() {
        List<Row> sorted = sorted();
        if (filter == null) {
            shown = sorted;
            return;
        }
        List<Row> out = new ArrayList<>();
        for (Row row : sorted) {
            if (filter.matches(row.image())) {
                out.add(row);
            }
        }
        shown = out;
    }

    /** The index in {@link #shown} of the image with this fingerprint, or -1. */
    int indexOf(String fingerprint) {
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).fingerprint().equals(fingerprint)) {
                return i;
            }
        }
        return -1;
    }

    private List<Row> sorted() {
        List<Row> up = ascending.get(sortColumn);
        if (up == null) {
            up = new ArrayList<>(all);
            up.sort(order(sortColumn));
            ascending.set(sortColumn, up);
        }
        if (!reversed) {
            return up;
        }
        List<Row> down = descending.get(sortColumn);
        if (down == null) {
            down = new ArrayList<>(up);
            Collections.reverse(down);
            descending.set(sortColumn, down);
        }
        return down;
    }

    /**
     * By {@code column} first (sizes and dates by value, fingerprints as plain strings, other cells as {@code image list} compares them: natural
     * order, empty cells last), then in {@code image list} order. Column 0 is exactly the {@code image list} order.
     */
    static Comparator<Row> order(int column) {
        Comparator<Row> byList = BrowseModel::listOrder;
        if (column == SIZE) {
            return Comparator.<Row>comparingLong(r -> r.image().size()).thenComparing(byList);
        }
        if (column == FINGERPRINT) {
            return Comparator.comparing(Row::fingerprint); // hex: plain order, not natural order's numbers
        }
        if (column == UPLOAD_DATE) {
            return Comparator.<Row, java.time.Instant>comparing(r -> r.image().uploadedAt()).thenComparing(byList);
        }
        return ((Comparator<Row>) (a, b) -> cell(a.cells()[column], b.cells()[column])).thenComparing(byList);
    }

    /** {@code image list}'s row order (LXD's): the first differing cell decides. */
    private static int listOrder(Row a, Row b) {
        for (int c = 0; c < a.cells().length; c++) {
            int order = cell(a.cells()[c], b.cells()[c]);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static int cell(String x, String y) {
        if (x.equals(y)) {
            return 0;
        }
        if (x.isEmpty()) {
            return 1;
        }
        if (y.isEmpty()) {
            return -1;
        }
        return NaturalOrder.INSTANCE.compare(x, y);
    }

    static List<String> words(String text) {
        LineSplitter splitter = new LineSplitter();
        for (String attempt : new String[] {text, text + "\"", text + "'", text.replace("\\", "")}) {
            try {
                return splitter.split(attempt);
            } catch (IllegalArgumentException e) {
                // still being typed; try closing it
            }
        }
        return List.of(text.trim().split("\\s+"));
    }

    /**
     * The filters after taking {@code remote:} off the first one, as {@code image list} does; the browser shows the
     * images of one remote, so another remote there is an error.
     */
    static List<String> filtersOn(String remote, List<String> filters) {
        ListQuery query = ListQuery.parse(filters);
        if (query.remote() != null && !query.remote().equals(remote)) {
            throw new InvalidInputException("The browser shows " + remote + ": images: \"" + query.remote()
                    + ":\" cannot be filtered here");
        }
        return query.filters();
    }
}
