package io.imgsh.shell.render;

import java.util.List;

/** Go encoding/csv output with its defaults: comma separated, no header, "\n" line ends. */
final class GoCsv {
    private GoCsv() {
    }

    static String render(List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                String field = row.get(i);
                out.append(needsQuotes(field) ? '"' + field.replace("\"", "\"\"") + '"' : field);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static boolean needsQuotes(String field) {
        if (field.isEmpty()) {
            return false;
        }
        // Go quotes a lone \. so that PostgreSQL's COPY does not read it as end-of-data.
        if (field.equals("\\.") || field.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return true;
        }
        return isGoSpace(field.codePointAt(0));
    }

    /** Go's unicode.IsSpace. */
    private static boolean isGoSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            default -> c > 0xFF && Character.isSpaceChar(c);
        };
    }
}
