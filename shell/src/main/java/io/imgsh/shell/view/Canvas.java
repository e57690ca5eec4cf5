package io.imgsh.shell.view;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.AbstractInteractableComponent;
import com.googlecode.lanterna.gui2.InteractableRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A view's whole window as one component: it draws with {@code draw}, puts the cursor where {@code cursor} says
 * (null hides it), and hands every key to {@code keys}, redrawing after each.
 */
final class Canvas extends AbstractInteractableComponent<Canvas> {
    private final Consumer<TextGUIGraphics> draw;
    private final Supplier<TerminalPosition> cursor;
    private final Consumer<KeyStroke> keys;

    Canvas(Consumer<TextGUIGraphics> draw, Supplier<TerminalPosition> cursor, Consumer<KeyStroke> keys) {
        this.draw = draw;
        this.cursor = cursor;
        this.keys = keys;
    }

    @Override
    protected InteractableRenderer<Canvas> createDefaultRenderer() {
        return new InteractableRenderer<>() {
            @Override
            public TerminalPosition getCursorLocation(Canvas component) {
                return cursor.get();
            }

            @Override
            public TerminalSize getPreferredSize(Canvas component) {
                return new TerminalSize(80, 24);
            }

            @Override
            public void drawComponent(TextGUIGraphics graphics, Canvas component) {
                draw.accept(graphics);
            }
        };
    }

    @Override
    protected Result handleKeyStroke(KeyStroke key) {
        keys.accept(key);
        invalidate();
        return Result.HANDLED;
    }
}
