package io.imgsh.shell.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import io.imgsh.shell.render.ImageColumns;
import io.imgsh.shell.view.BrowseModel.Row;
import java.util.List;

/**
 * Draws the browser: a title line (counts, sort, filter, position), the column headers, the rows on screen with
 * the selected one highlighted, and a footer (the line being typed, a message, or the key hints). Only the drawing
 * knows the screen's size, so it also fits the selection, the top row and the first column to it.
 */
final class BrowseTable {
    /** The key hints, widest first: on a narrower screen they stay visible, in fewer words. */
    private static final List<String> HELPS = List.of(BrowseView.HELP,
            "Enter info / filter s/S sort e edit a alias d delete x export r reload q quit",
            "Enter / filter s/S sort e a d x r q quit");
    private static final char UP = '▲';
    private static final char DOWN = '▼';
    /** Left of the rows: the selection mark, or {@code «} in the header when columns are scrolled off. */
    private static final int GUTTER = 2;
    /** Between columns. */
    private static final int GAP = 2;
    private static final int DESCRIPTION = BrowseModel.COLUMNS.indexOf(ImageColumns.DESCRIPTION);
    private static final int ALIAS = BrowseModel.COLUMNS.indexOf(ImageColumns.ALIAS);

    private final BrowseModel model;
    private final BrowseState state;

    BrowseTable(BrowseModel model, BrowseState state) {
        this.model = model;
        this.state = state;
    }

    void paint(TextGUIGraphics g) {
        TerminalSize size = g.getSize();
        int width = size.getColumns();
        int height = size.getRows();
        List<Row> shown = model.shown();
        int pageRows = Math.max(1, height - 3);
        state.pageRows = pageRows;
        int selected = Math.max(0, Math.min(state.selected, shown.size() - 1));
        state.selected = selected;
        int top = state.top;
        if (selected < top) {
            top = selected;
        } else if (selected >= top + pageRows) {
            top = selected - pageRows + 1;
        }
        top = Math.max(0, Math.min(top, shown.size() - pageRows));
        state.top = top;
        int[] widths = layout(model.widths(), width);
        state.firstColumn = Math.min(state.firstColumn, lastFirstColumn(widths, width));

        Draw.line(g, 0, width, title(width), SGR.REVERSE);
        if (height > 1) {
            Draw.line(g, 1, width, header(widths), SGR.BOLD);
        }
        for (int y = 2; y < height - 1; y++) {
            int index = top + y - 2;
            if (index < shown.size()) {
                boolean current = index == selected;
                String line = (current ? "> " : "  ") + cells(shown.get(index), widths);
                if (current) {
                    Draw.line(g, y, width, line, SGR.REVERSE);
                } else {
                    Draw.line(g, y, width, line);
                }
            } else if (index == 0) {
                Draw.line(g, y, width, "  " + (model.total() == 0 ? "No images"
                        : "No image matches the filter (Esc clears it)"));
            } else {
                Draw.line(g, y, width, "");
            }
        }
        if (height > 2) {
            Draw.line(g, height - 1, width, footer(width), state.error() ? new SGR[] {SGR.BOLD} : new SGR[0]);
        }
    }

    /** Where the terminal's cursor goes on a screen of {@code size}: in the line being typed, else hidden (null). */
    TerminalPosition cursor(TerminalSize size) {
        int row = size.getRows() - 1;
        int last = size.getColumns() - 1;
        return switch (state.mode()) {
            case FILTER -> new TerminalPosition(Math.min(1 + state.input().cursor(), last), row);
            case QUESTION -> state.question().cursor().map(column -> new TerminalPosition(Math.min(column, last), row))
                    .orElse(null);
            default -> null;
        };
    }

    private String title(int width) {
        int shown = model.shown().size();
        String count = model.filterText().isEmpty() ? shown + " images" : shown + " of " + model.total() + " images";
        String left = " imgsh · local · " + count + " · sorted by "
                + BrowseModel.COLUMNS.get(model.sortColumn()).header() + " " + (model.reversed() ? DOWN : UP)
                + (model.filterText().isEmpty() ? "" : " · filter: " + model.filterText());
        String right = shown == 0 ? "" : (state.selected + 1) + "/" + shown + " ";
        int room = width - Draw.width(right);
        return Draw.pad(left, room) + right;
    }

    private String header(int[] widths) {
        StringBuilder sb = new StringBuilder(state.firstColumn > 0 ? "« " : " ".repeat(GUTTER));
        for (int c = state.firstColumn; c < widths.length; c++) {
            String name = BrowseModel.COLUMNS.get(c).header();
            if (c == model.sortColumn()) {
                name += model.reversed() ? DOWN : UP;
            }
            sb.append(Draw.pad(name, widths[c]));
            if (c < widths.length - 1) {
                sb.append(" ".repeat(GAP));
            }
        }
        return sb.toString();
    }

    private String cells(Row row, int[] widths) {
        StringBuilder sb = new StringBuilder();
        String[] cells = row.cells();
        for (int c = state.firstColumn; c < widths.length; c++) {
            sb.append(Draw.pad(cells[c], widths[c]));
            if (c < widths.length - 1) {
                sb.append(" ".repeat(GAP));
            }
        }
        return sb.toString();
    }

    /**
     * Column widths for a screen this wide, from the widest cells ({@code widths}, which this narrows in place):
     * DESCRIPTION then ALIAS are narrowed to fit (down to 20 and 16 columns, then to 11 and 10), since they are the
     * free text that can be long; what still does not fit is cut at the right edge.
     */
    static int[] layout(int[] widths, int width) {
        int total = GUTTER + GAP * (widths.length - 1);
        for (int w : widths) {
            total += w;
        }
        int excess = total - width;
        for (int[] column : new int[][] {{DESCRIPTION, 20}, {ALIAS, 16}, {DESCRIPTION, 11}, {ALIAS, 10}}) {
            if (excess <= 0) {
                break;
            }
            int c = column[0];
            int take = Math.min(excess, Math.max(0, widths[c] - column[1]));
            widths[c] -= take;
            excess -= take;
        }
        return widths;
    }

    /** The first column that, scrolled to, shows the table's right edge (0 when it all fits). */
    static int lastFirstColumn(int[] widths, int width) {
        int shown = GUTTER + widths[widths.length - 1];
        int first = widths.length - 1;
        while (first > 0 && shown + GAP + widths[first - 1] <= width) {
            first--;
            shown += GAP + widths[first];
        }
        return first;
    }

    private String footer(int width) {
        return switch (state.mode()) {
            case FILTER -> "/" + state.input().text();
            case QUESTION -> state.question().line();
            default -> state.message() != null ? state.message() : help(width);
        };
    }

    private static String help(int width) {
        return HELPS.stream().filter(text -> text.length() < width).findFirst().orElse(HELPS.get(HELPS.size() - 1));
    }
}
