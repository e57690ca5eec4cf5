package io.imgsh.shell.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.imgsh.engine.image.Image;
import io.imgsh.shell.render.ImageInfoText;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code image info} prints about one image (or {@code info} about an instance), full-screen over the
 * browser. Long lines wrap; arrows, PgUp/PgDn and Home/End scroll; {@code e} edits the image; {@code q}, Esc, Enter
 * or Ctrl-C go back.
 */
final class InfoPane {
    static final String HELP = "Up/Down PgUp/PgDn scroll  e edit  q back";
    static final String READ_ONLY_HELP = "Up/Down PgUp/PgDn scroll  q back";

    private final BasicWindow window = new BasicWindow();
    private final String title;
    private final List<String> text;
    /** What {@code e} does (null: nothing to edit). */
    private final Runnable onEdit;
    private int top;
    private int pageRows = 10;
    private List<String> wrapped = List.of();
    private int wrappedWidth = -1;

    private InfoPane(String title, String text, Runnable onEdit) {
        this.title = title;
        this.text = text.lines().toList();
        this.onEdit = onEdit;
        window.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS, Window.Hint.NO_POST_RENDERING));
        Canvas pane = new Canvas(this::render, () -> null, this::handle);
        window.setComponent(pane);
        window.setFocusedInteractable(pane);
    }

    static Window open(FullScreen screen, Image image, Runnable onEdit) {
        return open(screen, new InfoPane(" Image " + Draw.label(image), ImageInfoText.of(image), onEdit));
    }

    /** {@code text} under {@code title}, read-only. */
    static Window open(FullScreen screen, String title, String text) {
        return open(screen, new InfoPane(title, text, null));
    }

    private static Window open(FullScreen screen, InfoPane pane) {
        screen.gui().addWindow(pane.window);
        return pane.window;
    }

    private void handle(KeyStroke key) {
        int last = Math.max(0, wrapped.size() - pageRows);
        switch (key.getKeyType()) {
            case ArrowUp -> top--;
            case ArrowDown -> top++;
            case PageUp -> top -= pageRows;
            case PageDown -> top += pageRows;
            case Home -> top = 0;
            case End -> top = last;
            default -> {
                if (Keys.cancel(key) || Keys.is(key, 'q') || Keys.is(key, KeyType.Enter)) {
                    window.close();
                } else if (Keys.is(key, 'e') && onEdit != null) {
                    window.close();
                    onEdit.run();
                } else if (Keys.is(key, 'k')) {
                    top--;
                } else if (Keys.is(key, 'j')) {
                    top++;
                }
            }
        }
        top = Math.max(0, Math.min(top, last));
    }

    private void render(TextGUIGraphics g) {
        int width = g.getSize().getColumns();
        int height = g.getSize().getRows();
        pageRows = Math.max(1, height - 2);
        if (width != wrappedWidth) {
            wrapped = wrap(text, Math.max(1, width - 1));
            wrappedWidth = width;
        }
        top = Math.max(0, Math.min(top, wrapped.size() - pageRows));
        Draw.line(g, 0, width, title, SGR.REVERSE);
        for (int y = 1; y < height - 1; y++) {
            int index = top + y - 1;
            Draw.line(g, y, width, index < wrapped.size() ? " " + wrapped.get(index) : "");
        }
        if (height > 1) {
            String position = wrapped.size() > pageRows
                    ? "  (" + (top + 1) + "-" + Math.min(wrapped.size(), top + pageRows) + " of " + wrapped.size() + ")"
                    : "";
            Draw.line(g, height - 1, width, (onEdit == null ? READ_ONLY_HELP : HELP) + position);
        }
    }

    /**
     * Lines cut to {@code width} columns, at the last blank when there is one in the second half of the line (else
     * anywhere: fingerprints); a continuation keeps the indentation of its line, plus two.
     */
    static List<String> wrap(List<String> lines, int width) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String rest = line;
            String indent = "";
            while (Draw.width(indent + rest) > width && width > indent.length() + 1) {
                int room = width - indent.length();
                String head = com.googlecode.lanterna.TerminalTextUtils.fitString(rest, room);
                if (head.isEmpty()) {
                    break;
                }
                int blank = head.lastIndexOf(' ');
                int next = head.length();
                if (blank > room / 2 && rest.length() > head.length()) {
                    head = head.substring(0, blank);
                    next = blank + 1;
                }
                out.add(indent + head);
                rest = rest.substring(next);
                indent = " ".repeat(Math.min(line.length() - line.stripLeading().length() + 2, width / 2));
            }
            out.add(indent + rest);
        }
        return out;
    }
}
