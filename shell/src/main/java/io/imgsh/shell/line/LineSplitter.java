package io.imgsh.shell.line;

import java.util.List;

/** Splits a command line into words, for the prompt and for scripts alike, with the rules of {@link WordScanner}. */
public final class LineSplitter {
    private final Variables variables;

    /** A splitter for the prompt: {@code ${NAME}} is plain text. */
    public LineSplitter() {
        this(null);
    }

    /** A splitter for scripts, expanding {@code ${NAME}} from {@code variables}. */
    public LineSplitter(Variables variables) {
        this.variables = variables;
    }

    /**
     * @throws IllegalArgumentException {@code syntax error: …} for an unclosed quote or a trailing backslash, or the
     *                                  message of an undefined variable
     */
    public List<String> split(String line) {
        WordScanner scan = new WordScanner(line, variables);
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
