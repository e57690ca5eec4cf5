package io.imgsh.shell.render;

import java.util.List;
import org.jline.utils.WCWidth;

/**
 * The table and compact layouts of LXD's olekukonko/tablewriter setup: header centred, cells
 * left-aligned, one space of padding each side, a cell's {@code \n} makes its row taller. Bordered:
 * a {@code +---+} rule above and below the header and after every row. Compact: no rules and no
 * column separators, but the spaces where the outer borders would be are kept.
 */
final class TextTable {
    private final boolean bordered;
    private final int[] widths;
    private final StringBuilder out = new StringBuilder();
    private String rule;

    private TextTable(int columns, boolean bordered) {
        this.bordered = bordered;
        this.widths = new int[columns];
    }

    static String render(List<String> headers, List<List<String>> rows, boolean bordered) {
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException(
                        "row has " + row.size() + " cells for " + headers.size() + " columns: " + row);
            }
        }
        TextTable table = new TextTable(headers.size(), bordered);
        String[][] header = table.widen(headers);
        String[][][] body = new String[rows.size()][][];
        for (int i = 0; i < body.length; i++) {
            body[i] = table.widen(rows.get(i));
        }
        table.rule();
        table.row(header, true);
        table.rule();
        for (String[][] row : body) {
            table.row(row, false);
            table.rule();
        }
        return table.out.toString();
    }

    /** Splits the row's cells into lines and widens the columns to fit them. */
    private String[][] widen(List<String> cells) {
        String[][] lines = new String[widths.length][];
        for (int column = 0; column < widths.length; column++) {
            lines[column] = lines(cells.get(column));
            for (String line : lines[column]) {
                widths[column] = Math.max(widths[column], width(line));
            }
        }
        return lines;
    }

    private void rule() {
        if (!bordered) {
            return;
        }
        if (rule == null) {
            StringBuilder sb = new StringBuilder("+");
            for (int width : widths) {
                sb.append("-".repeat(width + 2)).append('+');
            }
            rule = sb.append('\n').toString();
        }
        out.append(rule);
    }

    private void row(String[][] lines, boolean centred) {
        int height = 0;
        for (String[] cell : lines) {
            height = Math.max(height, cell.length);
        }
        for (int line = 0; line < height; line++) {
            out.append(bordered ? "|" : " ");
            for (int column = 0; column < widths.length; column++) {
                String text = line < lines[column].length ? lines[column][line] : "";
                int gap = widths[column] - width(text);
                int left = centred ? gap / 2 : 0;
                out.append(' ');
                pad(left);
                out.append(text);
                pad(gap - left);
                out.append(' ');
                if (bordered) {
                    out.append('|');
                } else if (column == widths.length - 1) {
                    out.append(' ');
                }
            }
            out.append('\n');
        }
    }

    private void pad(int spaces) {
        for (int i = 0; i < spaces; i++) {
            out.append(' ');
        }
    }

    private static String[] lines(String cell) {
        return cell.indexOf('\n') < 0 ? new String[] {cell} : cell.split("\n", -1);
    }

    /** The columns {@code text} takes on a terminal, as lxc counts them: a wide East Asian character two, a mark none. */
    private static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            // below U+0300 (the first combining mark) every printable character is one column: the common case, cheap
            width += codePoint < 0x300 ? 1 : Math.max(WCWidth.wcwidth(codePoint), 0);
            i += Character.charCount(codePoint);
        }
        return width;
    }
}
