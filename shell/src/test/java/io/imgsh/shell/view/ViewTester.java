package io.imgsh.shell.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.util.Set;

/**
 * A view on Lanterna's virtual terminal, driven by simulated keys: each key is handled and the screen redrawn
 * before {@link #press} returns, so {@link #screen} is exactly what a person would see at that point.
 */
final class ViewTester implements AutoCloseable {
    final DefaultVirtualTerminal terminal;
    final FullScreen screen;

    ViewTester(int columns, int rows) {
        terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        screen = FullScreen.start(terminal);
    }

    ViewTester press(KeyStroke... keys) {
        for (KeyStroke key : keys) {
            terminal.addInput(key);
            screen.pump();
        }
        return this;
    }

    ViewTester press(KeyType... types) {
        for (KeyType type : types) {
            press(new KeyStroke(type));
        }
        return this;
    }

    /** Types each character as its own key. */
    ViewTester type(String text) {
        for (char c : text.toCharArray()) {
            press(c == '\n' ? new KeyStroke(KeyType.Enter) : new KeyStroke(c, false, false));
        }
        return this;
    }

    ViewTester ctrl(char c) {
        return press(new KeyStroke(c, true, false));
    }

    /** Redraws whatever is pending (after opening a view). */
    ViewTester draw() {
        screen.pump();
        return this;
    }

    ViewTester resize(int columns, int rows) {
        terminal.setTerminalSize(new TerminalSize(columns, rows));
        screen.pump();
        return this;
    }

    /** The visible text, one line per row with trailing blanks removed, each line ending in a newline. */
    String screen() {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder sb = new StringBuilder();
        for (int row = 0; row < size.getRows(); row++) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < size.getColumns(); column++) {
                TextCharacter c = terminal.getCharacter(column, row);
                line.append(c == null ? " " : c.getCharacterString());
                if (c != null && c.isDoubleWidth()) {
                    column++;
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** One row of the screen. */
    String row(int row) {
        return screen().split("\n", -1)[row];
    }

    Set<SGR> styleAt(int column, int row) {
        return terminal.getCharacter(column, row).getModifiers();
    }

    @Override
    public void close() {
        screen.close();
    }
}
