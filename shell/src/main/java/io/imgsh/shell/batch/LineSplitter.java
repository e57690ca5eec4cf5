package io.imgsh.shell.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell does, for the prompt and for scripts alike: blanks
 * separate words; {@code '…'} quotes literally; {@code "…"} quotes with {@code \"}, {@code \\} and {@code \$} as
 * escapes; a backslash outside quotes escapes the next character. Quotes may start anywhere in a word, so
 * {@code description="My image"} is the one word {@code description=My image}, and {@code ""} is an empty word.
 * (JLine's DefaultParser keeps quotes that start inside a word, which is why it is not used here.)
 */
public final class LineSplitter {

    /** @throws IllegalArgumentException {@code syntax error: …} for an unclosed quote or a trailing backslash */
    public List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\$".indexOf(line.charAt(i + 1)) >= 0) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\\') {
                if (i + 1 == line.length()) {
                    throw new IllegalArgumentException("syntax error: backslash at the end of the line");
                }
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("syntax error: missing closing quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
