package io.imgsh.shell.view;

import com.googlecode.lanterna.input.KeyStroke;

/**
 * One line of text typed in a view (a filter, an alias name, a path), with a cursor: printable characters insert,
 * Backspace/Delete erase, Left/Right/Home/End (and Ctrl-A/Ctrl-E) move, Ctrl-U erases to the start, Ctrl-W the word
 * before the cursor.
 */
final class LineInput {
    private final StringBuilder text;
    private int cursor;

    LineInput(String initial) {
        this.text = new StringBuilder(initial);
        this.cursor = initial.length();
    }

    String text() {
        return text.toString();
    }

    int cursor() {
        return cursor;
    }

    /** Applies an editing key; false if the key is not one (Enter, Escape, arrows up/down…), left to the caller. */
    boolean edit(KeyStroke key) {
        switch (key.getKeyType()) {
            case Character -> {
                char c = key.getCharacter();
                if (key.isCtrlDown()) {
                    return control(c);
                }
                if (key.isAltDown() || Character.isISOControl(c)) {
                    return false;
                }
                text.insert(cursor++, c);
                return true;
            }
            case Backspace -> {
                if (cursor > 0) {
                    text.deleteCharAt(--cursor);
                }
                return true;
            }
            case Delete -> {
                if (cursor < text.length()) {
                    text.deleteCharAt(cursor);
                }
                return true;
            }
            case ArrowLeft -> {
                cursor = Math.max(0, cursor - 1);
                return true;
            }
            case ArrowRight -> {
                cursor = Math.min(text.length(), cursor + 1);
                return true;
            }
            case Home -> {
                cursor = 0;
                return true;
            }
            case End -> {
                cursor = text.length();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean control(char c) {
        switch (c) {
            case 'a' -> cursor = 0;
            case 'e' -> cursor = text.length();
            case 'u' -> {
                text.delete(0, cursor);
                cursor = 0;
            }
            case 'w' -> {
                int start = cursor;
                while (start > 0 && text.charAt(start - 1) == ' ') {
                    start--;
                }
                while (start > 0 && text.charAt(start - 1) != ' ') {
                    start--;
                }
                text.delete(start, cursor);
                cursor = start;
            }
            case 'h' -> {
                if (cursor > 0) {
                    text.deleteCharAt(--cursor);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
