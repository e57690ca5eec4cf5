package io.imgsh.shell.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.Symbols;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.AbstractComponent;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.ComponentRenderer;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowListenerAdapter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.imgsh.engine.ConflictException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImagePut;
import io.imgsh.engine.image.ImagePutYaml;
import io.imgsh.shell.render.LxdFormats;
import io.imgsh.shell.render.YamlWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code image edit} in a terminal: the writable fields (public, auto_update, expires_at, properties, profiles) as
 * YAML in a text area, with the fingerprint, architecture and creation date shown read-only above it.
 *
 * <p>Ctrl-S validates and saves. Invalid YAML or values are reported on the status line and nothing is saved. The
 * save is conditional on the image's ETag as it was opened ({@link ImageETag}): if it changed meanwhile, the
 * conflict is reported instead of overwriting the other change, and Ctrl-R reloads the image as it is now. Esc (or
 * Ctrl-C) leaves, asking a second Esc when there are unsaved edits. Tab inserts two spaces and Enter keeps the
 * indentation (plus two after a {@code key:}).
 */
public final class EditorView {
    static final String HELP = "Ctrl-S save  Esc quit  Ctrl-R reload";

    private final FullScreen screen;
    private final EditedImage target;
    private final Image image;
    private final Consumer<Boolean> onClose;
    private final BasicWindow window = new BasicWindow();
    private final TextBox text;
    private final Status status = new Status();
    private String etag;
    private String original;
    private boolean confirmingQuit;
    private boolean saved;

    /**
     * An editor of {@code target} as it is now (read here; a failure to read it throws); {@code onClose} learns
     * whether it was saved.
     */
    public EditorView(FullScreen screen, EditedImage target, Consumer<Boolean> onClose) {
        EditedImage.Snapshot now = target.load();
        this.screen = screen;
        this.target = target;
        this.image = now.image();
        this.onClose = onClose;
        this.etag = now.etag();
        this.original = yaml(image);
        this.text = new TextBox(new TerminalSize(80, 10), original, TextBox.Style.MULTI_LINE);
        text.setCaretWarp(true);
        Panel panel = new Panel(new BorderLayout());
        panel.addComponent(new Header(), BorderLayout.Location.TOP);
        panel.addComponent(text, BorderLayout.Location.CENTER);
        panel.addComponent(status, BorderLayout.Location.BOTTOM);
        window.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS, Window.Hint.NO_POST_RENDERING));
        window.setComponent(panel);
        window.setFocusedInteractable(text);
        window.addWindowListener(new WindowListenerAdapter() {
            @Override
            public void onInput(Window w, KeyStroke key, AtomicBoolean deliverEvent) {
                deliverEvent.set(!intercept(key));
            }
        });
        text.setCaretPosition(0, 0);
    }

    public EditorView open() {
        screen.gui().addWindow(window);
        return this;
    }

    /** Opens the editor and runs it until the user leaves; true if the image was saved. */
    public boolean run() {
        open();
        screen.runUntilClosed(window);
        return saved;
    }

    public Window window() {
        return window;
    }

    public boolean saved() {
        return saved;
    }

    String statusText() {
        return status.text;
    }

    private static String yaml(Image image) {
        return YamlWriter.write(image.writable());
    }

    /** Keys the editor takes before the text area: true if handled here. */
    private boolean intercept(KeyStroke key) {
        boolean quitKey = Keys.cancel(key);
        if (!quitKey && confirmingQuit) {
            confirmingQuit = false; // any other key answers "no"
            status.show("", false);
        }
        if (quitKey) {
            quit();
        } else if (Keys.ctrl(key, 's')) {
            save();
        } else if (Keys.ctrl(key, 'r')) {
            reload();
        } else if (Keys.is(key, KeyType.Tab)) {
            type("  ");
        } else if (Keys.is(key, KeyType.Enter)) {
            newLine();
        } else if (Keys.modified(key) || key.getKeyType() == KeyType.Character
                && Character.isISOControl(key.getCharacter())) {
            return true; // never text
        } else {
            return false;
        }
        status.invalidate();
        return true;
    }

    private void quit() {
        if (!modified() || confirmingQuit) {
            close(false);
            return;
        }
        confirmingQuit = true;
        status.show("Unsaved changes: Esc again discards them, Ctrl-S saves them.", true);
    }

    private boolean modified() {
        return !text.getText().stripTrailing().equals(original.stripTrailing());
    }

    private void save() {
        ImagePut put;
        try {
            put = ImagePutYaml.parse(text.getText());
        } catch (RuntimeException e) {
            status.show("Not saved: " + Draw.oneLine(e.getMessage()), true);
            return;
        }
        try {
            target.save(put, etag);
        } catch (ConflictException e) {
            status.show("Conflict: the image changed since it was opened, so nothing was saved. Ctrl-R reloads it "
                    + "(your edits are dropped), Esc quits.", true);
            return;
        } catch (RuntimeException e) {
            status.show("Not saved: " + Draw.oneLine(e.getMessage()), true);
            return;
        }
        close(true);
    }

    private void reload() {
        EditedImage.Snapshot now;
        try {
            now = target.load();
        } catch (RuntimeException e) {
            status.show("Error: " + Draw.oneLine(e.getMessage()), true);
            return;
        }
        etag = now.etag();
        original = yaml(now.image());
        text.setText(original);
        text.setCaretPosition(0, 0);
        status.show("Reloaded the image as it is now.", false);
    }

    private void close(boolean wasSaved) {
        saved = wasSaved;
        window.close();
        onClose.accept(wasSaved);
    }

    private void type(String s) {
        for (char c : s.toCharArray()) {
            text.handleKeyStroke(new KeyStroke(c, false, false));
        }
    }

    /** Enter, then the indentation of the line it split (two more after a trailing colon). */
    private void newLine() {
        TerminalPosition caret = text.getCaretPosition();
        String before = text.getLine(caret.getRow()).substring(0, caret.getColumn());
        int indent = before.length() - before.stripLeading().length();
        if (before.stripTrailing().endsWith(":")) {
            indent += 2;
        }
        text.handleKeyStroke(new KeyStroke(KeyType.Enter));
        type(" ".repeat(indent));
    }

    private String header() {
        return " Edit image " + Draw.label(image);
    }

    private static String created(Instant t) {
        return t == null || t.equals(Instant.EPOCH) ? "-" : LxdFormats.infoDate(t);
    }

    /** The title bar and the read-only fields. */
    private final class Header extends AbstractComponent<Header> {
        @Override
        protected ComponentRenderer<Header> createDefaultRenderer() {
            return new ComponentRenderer<>() {
                @Override
                public TerminalSize getPreferredSize(Header component) {
                    return new TerminalSize(80, 5);
                }

                @Override
                public void drawComponent(TextGUIGraphics g, Header component) {
                    int width = g.getSize().getColumns();
                    Draw.line(g, 0, width, header(), SGR.REVERSE);
                    Draw.line(g, 1, width, " Fingerprint:  " + image.fingerprint());
                    Draw.line(g, 2, width, " Architecture: " + image.architecture());
                    Draw.line(g, 3, width, " Created:      " + created(image.createdAt()));
                    Draw.line(g, 4, width, String.valueOf(Symbols.SINGLE_LINE_HORIZONTAL).repeat(width));
                }
            };
        }
    }

    /**
     * The two status lines: a message (what went wrong, or what happened) above the keys; a message too long for one
     * line continues on the second, in place of the keys.
     */
    private static final class Status extends AbstractComponent<Status> {
        private String text = "";
        private boolean error;

        void show(String message, boolean isError) {
            text = message;
            error = isError;
            invalidate();
        }

        @Override
        protected ComponentRenderer<Status> createDefaultRenderer() {
            return new ComponentRenderer<>() {
                @Override
                public TerminalSize getPreferredSize(Status component) {
                    return new TerminalSize(80, 2);
                }

                @Override
                public void drawComponent(TextGUIGraphics g, Status component) {
                    int width = g.getSize().getColumns();
                    List<String> lines = InfoPane.wrap(List.of(text), width);
                    SGR[] style = error ? new SGR[] {SGR.BOLD} : new SGR[0];
                    Draw.line(g, 0, width, lines.get(0), style);
                    if (lines.size() > 1) {
                        Draw.line(g, 1, width, lines.get(1), style);
                    } else {
                        Draw.line(g, 1, width, HELP, SGR.REVERSE);
                    }
                }
            };
        }
    }
}
