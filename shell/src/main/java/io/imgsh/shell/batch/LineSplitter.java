package io.imgsh.shell.batch;

import java.util.List;

/** Splits a command line into words, for the prompt and for scripts alike, with the rules of {@link WordScanner}. */
public final class LineSplitter {

    /** @throws IllegalArgumentException {@code syntax error: …} for an unclosed quote or a trailing backslash */
    public List<String> split(String line) {
        WordScanner scan = new WordScanner(line);
        while (!scan.atEnd()) {
            scan.step();
        }
        if (scan.danglingBackslash()) {
            throw new IllegalArgumentException("syntax error: backslash at the end of the line");
        }
        if (scan.quote() != 0) {
            throw new IllegalArgumentException("syntax error: missing closing quote");
        }
        return scan.words();
    }
}
