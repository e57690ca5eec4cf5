package io.imgsh.shell.batch;

import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;

/** Splits a command line into words exactly as the interactive prompt does (quotes and backslash escapes). */
public final class LineSplitter {
    private final DefaultParser parser = new DefaultParser();

    public List<String> split(String line) {
        try {
            return parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words().stream()
                    .filter(w -> !w.isEmpty())
                    .toList();
        } catch (EOFError e) {
            throw new IllegalArgumentException("syntax error: " + e.getMessage().toLowerCase(java.util.Locale.ROOT));
        } catch (SyntaxError e) {
            throw new IllegalArgumentException("syntax error: " + e.getMessage());
        }
    }
}
