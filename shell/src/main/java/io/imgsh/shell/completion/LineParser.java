package io.imgsh.shell.completion;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * JLine's view of a prompt line, split with exactly the rules of {@link io.imgsh.shell.batch.LineSplitter} (the
 * splitter that runs the line), so that completion sees the words the command will see: blanks separate words,
 * {@code '…'} and {@code "…"} quote anywhere in a word, a backslash escapes. Unlike the splitter it never fails:
 * an unclosed quote or a trailing backslash is part of the word being typed. Inserted candidates are escaped
 * for the same rules ({@link Line#escape}).
 */
public final class LineParser implements Parser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        return Line.of(line, cursor);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return ch == '\\';
    }

    /** A parsed line and the word at the cursor. */
    public static final class Line implements CompletingParsedLine {
        private final String line;
        private final int cursor;
        private final List<String> words;
        private final int wordIndex;
        private final int wordCursor;
        private final int rawWordCursor;
        private final int rawWordLength;
        /** The quote open at the cursor in the current word (or the one it started with), 0 if none. */
        private final char quote;

        private Line(String line, int cursor, List<String> words, int wordIndex, int wordCursor, int rawWordCursor,
                     int rawWordLength, char quote) {
            this.line = line;
            this.cursor = cursor;
            this.words = words;
            this.wordIndex = wordIndex;
            this.wordCursor = wordCursor;
            this.rawWordCursor = rawWordCursor;
            this.rawWordLength = rawWordLength;
            this.quote = quote;
        }

        /** Splits {@code line}; the word at {@code cursor} is the one it is in or ends, else a new empty one. */
        public static Line of(String line, int cursor) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean inWord = false;
            int start = -1;
            char quote = 0;
            int wordIndex = -1;
            int wordCursor = 0;
            int rawStart = cursor;
            char quoteAtCursor = 0;
            boolean startsQuoted = false;
            for (int i = 0; i <= line.length(); i++) {
                if (i == cursor && wordIndex < 0) {
                    if (inWord) {
                        wordIndex = words.size();
                        wordCursor = word.length();
                        rawStart = start;
                        quoteAtCursor = quote != 0 ? quote : startsQuoted ? line.charAt(start) : 0;
                    } else if (i == line.length() || Character.isWhitespace(line.charAt(i))) {
                        // between words: an empty word at the cursor, the next words follow it
                        wordIndex = words.size();
                        words.add("");
                        rawStart = cursor;
                    } else {
                        // at the start of a word: that word, with nothing of it before the cursor
                        wordIndex = words.size();
                        wordCursor = 0;
                        rawStart = i;
                    }
                }
                if (i == line.length()) {
                    break;
                }
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
                    if (!inWord) {
                        inWord = true;
                        start = i;
                        startsQuoted = false;
                    }
                    if (i + 1 < line.length()) {
                        word.append(line.charAt(++i));
                    }
                } else if (c == '\'' || c == '"') {
                    if (!inWord) {
                        inWord = true;
                        start = i;
                        startsQuoted = true;
                    }
                    quote = c;
                } else if (Character.isWhitespace(c)) {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                } else {
                    if (!inWord) {
                        inWord = true;
                        start = i;
                        startsQuoted = false;
                    }
                    word.append(c);
                }
            }
            if (inWord) {
                words.add(word.toString());
            }
            if (wordIndex < 0) {
                // the cursor was inside an escape or a quote that the loop stepped over: take the word it ends
                wordIndex = Math.max(0, words.size() - 1);
                if (words.isEmpty()) {
                    words.add("");
                }
                wordCursor = words.get(wordIndex).length();
                rawStart = Math.min(cursor, start < 0 ? cursor : start);
            }
            int rawEnd = rawStart;
            if (rawStart < line.length() && wordCursor >= 0) {
                rawEnd = rawEndOf(line, rawStart);
            }
            return new Line(line, cursor, List.copyOf(words), wordIndex, wordCursor, cursor - rawStart,
                    Math.max(rawEnd, cursor) - rawStart, quoteAtCursor);
        }

        /** Where the raw word starting at {@code start} ends (the first unquoted, unescaped blank, or the end). */
        private static int rawEndOf(String line, int start) {
            char quote = 0;
            for (int i = start; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else if (quote == '"' && c == '\\') {
                        i++;
                    }
                } else if (c == '\\') {
                    i++;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (Character.isWhitespace(c)) {
                    return i;
                }
            }
            return line.length();
        }

        @Override
        public String word() {
            return words.get(wordIndex);
        }

        @Override
        public int wordCursor() {
            return wordCursor;
        }

        @Override
        public int wordIndex() {
            return wordIndex;
        }

        @Override
        public List<String> words() {
            return words;
        }

        @Override
        public String line() {
            return line;
        }

        @Override
        public int cursor() {
            return cursor;
        }

        @Override
        public int rawWordCursor() {
            return rawWordCursor;
        }

        @Override
        public int rawWordLength() {
            return rawWordLength;
        }

        /**
         * {@code candidate} as it must be typed: inside the quote the word is in (closed when the candidate is
         * complete), else with blanks, quotes and backslashes backslash-escaped.
         */
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return quoteWord(candidate.toString(), quote, complete);
        }

        /** See {@link #escape}. */
        static String quoteWord(String value, char quote, boolean close) {
            StringBuilder sb = new StringBuilder(value.length() + 4);
            if (quote == '\'') {
                sb.append('\'').append(value.replace("'", "'\\''"));
            } else if (quote == '"') {
                sb.append('"');
                for (char c : value.toCharArray()) {
                    if (c == '"' || c == '\\' || c == '$') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            } else {
                for (char c : value.toCharArray()) {
                    if (Character.isWhitespace(c) || c == '\'' || c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                return sb.toString();
            }
            if (close) {
                sb.append(quote);
            }
            return sb.toString();
        }
    }
}
