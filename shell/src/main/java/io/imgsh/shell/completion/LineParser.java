package io.imgsh.shell.completion;

import io.imgsh.shell.line.WordScanner;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * JLine's view of a prompt line, split by the {@link WordScanner} that also splits the line to run it, so that
 * completion sees the words the command will see. Unlike {@link io.imgsh.shell.line.LineSplitter} it never
 * fails: an unclosed quote or a trailing backslash is part of the word being typed. Inserted candidates are
 * escaped for the same rules ({@link Line#escape}).
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
            WordScanner scan = new WordScanner(line);
            int wordIndex = -1;
            int wordCursor = 0;
            int rawStart = cursor;
            char quoteAtCursor = 0;
            boolean emptyWordAtCursor = false;
            while (true) {
                if (scan.position() == cursor && wordIndex < 0) {
                    wordIndex = scan.wordCount();
                    if (scan.inWord()) {
                        wordCursor = scan.wordLength();
                        rawStart = scan.wordStart();
                        char first = line.charAt(rawStart);
                        quoteAtCursor = scan.quote() != 0 ? scan.quote() : first == '\'' || first == '"' ? first : 0;
                    } else if (scan.atEnd() || Character.isWhitespace(line.charAt(cursor))) {
                        // between words: an empty word at the cursor, the next words follow it
                        emptyWordAtCursor = true;
                    }
                    // else at the start of a word: that word, with nothing of it before the cursor
                }
                if (scan.atEnd()) {
                    break;
                }
                scan.step();
            }
            List<String> words = scan.words();
            if (emptyWordAtCursor) {
                words.add(wordIndex, "");
            }
            if (wordIndex < 0) {
                // the cursor was inside an escape pair that the scan stepped over: take the word it ends
                wordIndex = Math.max(0, words.size() - 1);
                if (words.isEmpty()) {
                    words.add("");
                }
                wordCursor = words.get(wordIndex).length();
                rawStart = Math.min(cursor, scan.wordStart() < 0 ? cursor : scan.wordStart());
            }
            int rawEnd = rawStart < line.length() ? WordScanner.endOfWord(line, rawStart) : rawStart;
            return new Line(line, cursor, List.copyOf(words), wordIndex, wordCursor, cursor - rawStart,
                    Math.max(rawEnd, cursor) - rawStart, quoteAtCursor);
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
