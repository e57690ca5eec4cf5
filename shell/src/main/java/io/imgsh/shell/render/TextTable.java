package io.imgsh.shell.render;

import java.util.List;

/**
 * The table and compact layouts of LXD's olekukonko/tablewriter setup: header centred, cells
 * left-aligned, one space of padding each side, a cell's {@code \n} makes its row taller. Bordered:
 * a {@code +---+} rule above and below the header and after every row. Compact: no rules and no
 * column separators, but the spaces where the outer borders would be are kept.
 */
final class TextTable {
    private final List<String> headers;
    private final boolean bordered;
    private final int[] widths;
    private final StringBuilder out = new StringBuilder();

    private TextTable(List<String> headers, List<List<String>> rows, boolean bordered) {
        this.headers = headers;
        this.bordered = bordered;
        this.widths = new int[headers.size()];
        widen(headers);
        rows.forEach(this::widen);
    }

    static String render(List<String> headers, List<List<String>> rows, boolean bordered) {
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException(
                        "row has " + row.size() + " cells for " + headers.size() + " columns: " + row);
            }
        }
        TextTable table = new TextTable(headers, rows, bordered);
        table.rule();
        table.row(headers, true);
        table.rule();
        for (List<String> row : rows) {
            table.row(row, false);
            table.rule();
        }
        return table.out.toString();
    }

    private void widen(List<String> cells) {
        for (int column = 0; column < widths.length; column++) {
            for (String line : lines(cells.get(column))) {
                widths[column] = Math.max(widths[column], width(line));
            }
        }
    }

    private void rule() {
        if (!bordered) {
            return;
        }
        out.append('+');
        for (int width : widths) {
            out.append("-".repeat(width + 2)).append('+');
        }
        out.append('\n');
    }

    private void row(List<String> cells, boolean centred) {
        String[][] lines = cells.stream().map(TextTable::lines).toArray(String[][]::new);
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
                out.append(' ').append(" ".repeat(left)).append(text).append(" ".repeat(gap - left)).append(' ');
                if (bordered) {
                    out.append('|');
                } else if (column == widths.length - 1) {
                    out.append(' ');
                }
            }
            out.append('\n');
        }
    }

    private static String[] lines(String cell) {
        return cell.split("\n", -1);
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
