package io.imgsh.shell.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** Splits a script into logical lines: {@code #} comment lines and blank lines dropped, trailing {@code \} joins. */
public final class ScriptReader {
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private ScriptReader() {
    }

    public static List<ScriptLine> read(Reader source) throws IOException {
        List<ScriptLine> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(source);
        StringBuilder pending = null;
        int start = 0;
        int number = 0;
        for (String raw; (raw = reader.readLine()) != null; ) {
            number++;
            if (number == 1 && raw.startsWith(BYTE_ORDER_MARK)) {
                raw = raw.substring(1); // as editors on Windows save UTF-8
            }
            if (pending == null) {
                if (raw.isBlank() || raw.strip().startsWith("#")) {
                    continue;
                }
                pending = new StringBuilder();
                start = number;
            }
            if (endsWithContinuation(raw)) {
                pending.append(raw, 0, raw.length() - 1).append(' ');
                continue;
            }
            pending.append(raw);
            lines.add(new ScriptLine(start, pending.toString().strip()));
            pending = null;
        }
        if (pending != null && !pending.toString().isBlank()) {
            lines.add(new ScriptLine(start, pending.toString().strip()));
        }
        return lines;
    }

    /** An odd number of trailing backslashes: the last one is not escaped, so it continues the line. */
    private static boolean endsWithContinuation(String raw) {
        int n = 0;
        for (int i = raw.length() - 1; i >= 0 && raw.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}
