package io.imgsh.shell.line;

import java.util.ArrayList;
import java.util.List;

/**
 * The word-splitting rules of the prompt and of scripts, applied one character (or one escape pair) at a time:
 * blanks separate words; {@code '…'} quotes literally; {@code "…"} quotes with {@code \"}, {@code \\} and
 * {@code \$} as escapes; a backslash outside quotes escapes the next character; a {@code #} that starts a word
 * outside quotes starts a comment that runs to the end of the line. Quotes may start anywhere in a word, so
 * {@code description="My image"} is the one word {@code description=My image}, and {@code ""} is an empty word.
 * (JLine's DefaultParser keeps quotes that start inside a word, which is why it is not used.)
 *
 * <p>Given {@link Variables} (scripts), {@code ${NAME}} outside single quotes adds the variable's value to the
 * word as it stands: a value is never split into words nor read again for quotes or comments, and an empty one
 * outside quotes makes no word. {@code \${NAME}} is the literal text.
 *
 * <p>{@link LineSplitter} runs it to the end of a line; the prompt's parser also looks at its state at the cursor.
 * Without variables it never fails: an unclosed quote or a trailing backslash is reported by {@link #quote()} and
 * {@link #danglingBackslash()}.
 */
public final class WordScanner {
    private final String line;
    private final Variables variables;
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private int position;
    private boolean inWord;
    private int wordStart = -1;
    private char quote;
    private boolean danglingBackslash;
    private boolean comment;

    public WordScanner(String line) {
        this(line, null, 0);
    }

    /** A scanner that expands {@code ${NAME}} from {@code variables}. */
    public WordScanner(String line, Variables variables) {
        this(line, variables, 0);
    }

    private WordScanner(String line, Variables variables, int from) {
        this.line = line;
        this.variables = variables;
        this.position = from;
    }

    /** Where the word starting at {@code from} ends: its first blank outside quotes and escapes, or the end. */
    public static int endOfWord(String line, int from) {
        WordScanner scan = new WordScanner(line, null, from);
        while (!scan.atEnd() && (scan.quote != 0 || !Character.isWhitespace(line.charAt(scan.position)))) {
            scan.step();
        }
        return scan.position;
    }

    public boolean atEnd() {
        return position >= line.length();
    }

    /** The index of the next character to take. */
    public int position() {
        return position;
    }

    /**
     * Takes the next character, the next escape pair or the next variable reference.
     *
     * @throws IllegalArgumentException for an undefined or malformed variable reference
     */
    public void step() {
        char c = line.charAt(position);
        if (comment) {
            position++;
            return;
        }
        int end = quote != '\'' && variables != null && line.startsWith("${", position) ? line.indexOf('}', position) : -1;
        if (end > 0) {
            String value = variables.value(line.substring(position + 2, end));
            if (!value.isEmpty()) {
                startWord();
                word.append(value);
            }
            position = end + 1;
            return;
        }
        if (quote == '\'') {
            if (c == '\'') {
                quote = 0;
            } else {
                word.append(c);
            }
        } else if (quote == '"') {
            if (c == '"') {
                quote = 0;
            } else if (c == '\\' && position + 1 < line.length() && "\"\\$".indexOf(line.charAt(position + 1)) >= 0) {
                word.append(line.charAt(++position));
            } else {
                word.append(c);
            }
        } else if (c == '\\') {
            startWord();
            if (position + 1 < line.length()) {
                word.append(line.charAt(++position));
            } else {
                danglingBackslash = true;
            }
        } else if (c == '\'' || c == '"') {
            startWord();
            quote = c;
        } else if (c == '#' && !inWord) {
            comment = true;
        } else if (Character.isWhitespace(c)) {
            if (inWord) {
                words.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
        } else {
            startWord();
            word.append(c);
        }
        position++;
    }

    private void startWord() {
        if (!inWord) {
            inWord = true;
            wordStart = position;
        }
    }

    /** Whether a word has started and not yet ended. */
    public boolean inWord() {
        return inWord;
    }

    /** Where the current (or else the last) word started, -1 before the first. */
    public int wordStart() {
        return wordStart;
    }

    /** The length of the current word so far. */
    public int wordLength() {
        return word.length();
    }

    /** How many words have ended. */
    public int wordCount() {
        return words.size();
    }

    /** The quote open at {@link #position()}, 0 if none. */
    public char quote() {
        return quote;
    }

    /** Whether the line ended with a backslash outside quotes. */
    public boolean danglingBackslash() {
        return danglingBackslash;
    }

    /** The words, the current one included; call at the end. */
    public List<String> words() {
        List<String> all = new ArrayList<>(words);
        if (inWord) {
            all.add(word.toString());
        }
        return all;
    }
}
