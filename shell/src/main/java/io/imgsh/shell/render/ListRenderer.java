package io.imgsh.shell.render;

import io.imgsh.engine.json.GoJson;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The one renderer behind every list: headers + rows for table/compact/csv, the raw objects for json/yaml. */
public final class ListRenderer {
    private ListRenderer() {
    }

    /** {@code items} as rows of {@code columns}, sorted (see {@link RowSorter}); json and yaml print the items. */
    public static <T> void render(OutputFormat format, List<Column<T>> columns, List<T> items, PrintStream out) {
        List<List<String>> rows = new ArrayList<>(items.size());
        if (format != OutputFormat.JSON && format != OutputFormat.YAML) {
            for (T item : items) {
                rows.add(columns.stream().map(column -> column.cell(item)).toList());
            }
            RowSorter.sort(rows);
        }
        render(format, columns.stream().map(Column::header).toList(), rows, items, out);
    }

    /**
     * @param rows    in display order (see {@link RowSorter}); a cell may contain '\n' for a multi-line cell
     * @param objects the full objects for json/yaml, printed in the given order
     */
    public static void render(OutputFormat format, List<String> headers, List<List<String>> rows,
                              Object objects, PrintStream out) {
        out.print(switch (format) {
            case TABLE -> TextTable.render(headers, rows, true);
            case COMPACT -> TextTable.render(headers, rows, false);
            case CSV -> GoCsv.render(rows);
            case JSON -> GoJson.write(objects) + "\n";
            case YAML -> YamlWriter.write(objects);
        });
    }
}
