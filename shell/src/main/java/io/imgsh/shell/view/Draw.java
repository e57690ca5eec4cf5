package io.imgsh.shell.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

/** Text layout helpers shared by the views: everything is measured in terminal columns (CJK counts two). */
final class Draw {
    static final char ELLIPSIS = '…';

    private Draw() {
    }

    static int width(String s) {
        return TerminalTextUtils.getColumnWidth(s);
    }

    /** {@code s} cut to {@code width} columns, its last visible column an ellipsis when cut. */
    static String fit(String s, int width) {
        if (width <= 0) {
            return "";
        }
        if (width(s) <= width) {
            return s;
        }
        return TerminalTextUtils.fitString(s, width - 1) + ELLIPSIS;
    }

    /** {@code s} cut or padded with blanks to exactly {@code width} columns. */
    static String pad(String s, int width) {
        String fitted = fit(s, width);
        int w = width(fitted);
        return w >= width ? fitted : fitted + " ".repeat(width - w);
    }

    /** A whole line of {@code width} columns at row {@code y}, in the terminal's colours plus {@code styles}. */
    static void line(TextGraphics g, int y, int width, String text, SGR... styles) {
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.clearModifiers();
        if (styles.length > 0) {
            g.enableModifiers(styles);
        }
        g.putString(0, y, pad(text, width));
        g.clearModifiers();
    }

    /** How views name an image: its short fingerprint and, if it has any, its shortest alias. */
    static String label(io.imgsh.engine.image.Image image) {
        String shortest = image.shortestAlias();
        return image.shortFingerprint() + (shortest.isEmpty() ? "" : " (" + shortest + ")");
    }

    /** A message as one line: line breaks and the blanks around them become one space. */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
