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
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.ImageSnapshot;
import io.imgsh.engine.image.Images;
import io.imgsh.shell.render.LxdFormats;
import io.imgsh.shell.render.YamlWriter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
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
 * indentation (plus two after a {@code key:}). Ctrl-Z undoes the last change (a run of typed characters is one
 * change); Ctrl-K cuts to the end of the line (at its end, joins the next line) and Ctrl-Y pastes what it cut.
 */
public final class EditorView {
    static final String HELP = "Ctrl-S save  Esc quit  Ctrl-R reload  Ctrl-Z undo  Ctrl-K cut line  Ctrl-Y paste";
    private static final int UNDO_LIMIT = 1000;

    private final FullScreen screen;
    private final Images images;
    private final String fingerprint;
    private final Image image;
    private final Consumer<Boolean> onClose;
    private final BasicWindow window = new BasicWindow();
    private final TextBox text;
    private final Status status = new Status();
    private String etag;
    private String original;
    private boolean confirmingQuit;
    private boolean saved;
    private final Deque<Snapshot> undo = new ArrayDeque<>();
    /** The text as the previous key left it. */
    private Snapshot before;
    private boolean previousKeyTyped;
    private boolean typingRun;
    private String cut = "";
    private boolean cutting;
    private final Optional<String> readOnlyBecause;

    /** The text and the caret, for undo. */
    private record Snapshot(String text, TerminalPosition caret) {
    }

    /**
     * An editor of the image {@code fingerprint} of {@code images} as it is now (read here; a failure to read it
     * throws), read-only where images cannot be changed; {@code onClose} learns whether it was saved. Every save
     * carries the ETag of the image as it was read, so a change made meanwhile is a conflict instead of being
     * overwritten.
     */
    public EditorView(FullScreen screen, Images images, String fingerprint, Consumer<Boolean> onClose) {
        ImageSnapshot now = images.snapshot(fingerprint);
        this.screen = screen;
        this.images = images;
        this.fingerprint = fingerprint;
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
        before = snapshot();
        readOnlyBecause = images.readOnlyBecause();
        readOnlyBecause.ifPresent(why -> {
            text.setReadOnly(true);
            status.show("Read-only: " + why + ".", false);
        });
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
        rememberChange(key);
        boolean afterCut = cutting;
        cutting = Keys.ctrl(key, 'k');
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
        } else if (readOnlyBecause.isPresent() && (Keys.modified(key) || Keys.is(key, KeyType.Tab)
                || Keys.is(key, KeyType.Enter))) {
            return true; // the text area itself ignores typing when read-only; these keys would edit here
        } else if (Keys.ctrl(key, 'z')) {
            undo();
        } else if (Keys.ctrl(key, 'k')) {
            cutToEndOfLine(afterCut);
        } else if (Keys.ctrl(key, 'y')) {
            type(cut);
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

    private Snapshot snapshot() {
        return new Snapshot(text.getText(), text.getCaretPosition());
    }

    /**
     * Called before each key: if the previous key changed the text, the text as it was before goes on the undo
     * stack, unless that key continued a run of typed characters, whose start is already there.
     */
    private void rememberChange(KeyStroke key) {
        Snapshot now = snapshot();
        if (!now.text().equals(before.text())) {
            if (!(previousKeyTyped && typingRun)) {
                undo.push(before);
                if (undo.size() > UNDO_LIMIT) {
                    undo.removeLast();
                }
            }
            typingRun = previousKeyTyped;
        }
        before = now;
        previousKeyTyped = key.getKeyType() == KeyType.Character && !Keys.modified(key)
                && !Character.isWhitespace(key.getCharacter());
    }

    private void undo() {
        if (undo.isEmpty()) {
            status.show("Nothing to undo.", false);
            return;
        }
        restore(undo.pop());
        typingRun = false;
        status.show("", false);
    }

    private void restore(Snapshot snapshot) {
        text.setText(snapshot.text());
        text.setCaretPosition(snapshot.caret().getRow(), snapshot.caret().getColumn());
        before = snapshot;
    }

    /**
     * Cuts from the caret to the end of its line; at the end of a line, cuts the line break (joining the next). Cuts
     * in a row ({@code append}) add to what was cut, so Ctrl-Y pastes them all.
     */
    private void cutToEndOfLine(boolean append) {
        TerminalPosition caret = text.getCaretPosition();
        List<String> lines = new ArrayList<>(text.getText().lines().toList());
        if (lines.isEmpty() || caret.getRow() >= lines.size()) {
            return;
        }
        String line = lines.get(caret.getRow());
        int column = Math.min(caret.getColumn(), line.length());
        String piece;
        if (column < line.length()) {
            piece = line.substring(column);
            lines.set(caret.getRow(), line.substring(0, column));
        } else if (caret.getRow() + 1 < lines.size()) {
            piece = "\n";
            lines.set(caret.getRow(), line + lines.remove(caret.getRow() + 1));
        } else {
            return;
        }
        cut = append ? cut + piece : piece;
        text.setText(String.join("\n", lines));
        text.setCaretPosition(caret.getRow(), column);
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
        if (readOnlyBecause.isPresent()) {
            status.show("Read-only: " + readOnlyBecause.get() + "; nothing to save. Esc leaves.", true);
            return;
        }
        ImagePut put;
        try {
            put = ImagePutYaml.parse(text.getText());
        } catch (RuntimeException e) {
            status.show("Not saved: " + Draw.oneLine(e.getMessage()), true);
            return;
        }
        try {
            images.update(fingerprint, put, etag);
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
        ImageSnapshot now;
        try {
            now = images.snapshot(fingerprint);
        } catch (RuntimeException e) {
            status.show("Error: " + Draw.oneLine(e.getMessage()), true);
            return;
        }
        etag = now.etag();
        original = yaml(now.image());
        text.setText(original);
        text.setCaretPosition(0, 0);
        undo.clear();
        before = snapshot();
        status.show("Reloaded the image as it is now.", false);
    }

    private void close(boolean wasSaved) {
        saved = wasSaved;
        window.close();
        onClose.accept(wasSaved);
    }

    private void type(String s) {
        for (char c : s.toCharArray()) {
            text.handleKeyStroke(c == '\n' ? new KeyStroke(KeyType.Enter) : new KeyStroke(c, false, false));
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
        String where = images.remote().equals(ImageRef.LOCAL) ? "" : " on " + images.remote();
        return (readOnlyBecause.isPresent() ? " View image " : " Edit image ") + Draw.label(image) + where;
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
