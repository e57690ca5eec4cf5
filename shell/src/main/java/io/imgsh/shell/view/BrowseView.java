package io.imgsh.shell.view;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Window;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.Images;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code image browse}: the {@code image list} table, full-screen. Only the rows on screen are drawn, from cells
 * computed once per load ({@link BrowseModel}); the store is read again only after a change: one made here (delete,
 * alias, edit), one made elsewhere (another prompt, a script, a server), seen in the store's change log within
 * {@link BrowseActions#WATCH_NANOS}, or on {@code r}.
 *
 * <p>Keys: arrows (and j/k), PgUp/PgDn, Home/End (and g/G) move; Left/Right (and h/l) scroll a table wider than
 * the screen by a column; {@code /} filters as you type with the
 * {@code image list} rules (Enter keeps the filter, Esc clears it); {@code s} sorts by the next column and
 * {@code S} reverses; Enter shows {@code image info}; {@code e} edits; {@code a} adds an alias; {@code d} deletes
 * after a confirmation; {@code x} exports to a path; {@code r} reloads; {@code q}, Esc or Ctrl-C leave, but Esc
 * first clears a filter that is applied.
 *
 * <p>This class puts the parts together in one window: {@link BrowseKeys} maps the keys to {@link BrowseActions},
 * which work on the engine and the model, and {@link BrowseTable} draws the {@link BrowseState} they share.
 */
public final class BrowseView {
    static final String HELP =
            "Enter info  / filter  s sort  S reverse  e edit  a alias  d delete  x export  r reload  q quit";

    private final FullScreen screen;
    private final BrowseModel model;
    private final BasicWindow window = new BasicWindow();
    private final BrowseActions actions;
    private final BrowseTable table;
    private final Canvas canvas;

    /**
     * A browser of the images of {@code images} matching {@code filters} (as {@code image list} takes them, without
     * the remote).
     *
     * @param latestChange the id of the newest change of the images, read between keys: the browser reloads when
     *                     it changes (the store's event log; a constant for a server, reloaded with {@code r})
     * @param home         the user's home directory, for {@code ~/} in export paths (null: no expansion)
     */
    public BrowseView(FullScreen screen, Images images, LongSupplier latestChange, List<String> filters,
                      String home) {
        this(screen, images, latestChange, filters, home, () -> images.list(List.of()));
    }

    /** {@code lister} reads the images (tests count the reads). */
    BrowseView(FullScreen screen, Images images, LongSupplier latestChange, List<String> filters, String home,
               Supplier<List<Image>> lister) {
        this.screen = screen;
        this.model = new BrowseModel(images.remote());
        BrowseState state = new BrowseState(model);
        actions = new BrowseActions(screen, images, home, lister, latestChange, model, state, this::redraw);
        BrowseKeys keys = new BrowseKeys(model, state, actions, window::close, screen::repaintAll);
        table = new BrowseTable(model, state);
        canvas = new Canvas(table::paint, this::cursor, keys::handle);
        window.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS, Window.Hint.NO_POST_RENDERING));
        window.setComponent(canvas);
        model.filter(quote(filters), filters);
        actions.reload();
    }

    /** Shows the browser; it closes on {@code q}. */
    public BrowseView open() {
        screen.gui().addWindow(window);
        window.setFocusedInteractable(canvas);
        return this;
    }

    /** Opens the browser and runs it until the user leaves. */
    public void run() {
        open();
        screen.runUntilClosed(window, actions::watch);
    }

    /** Draws the canvas again at the next screen update (the actions are made before it, so they ask here). */
    private void redraw() {
        canvas.invalidate();
    }

    private TerminalPosition cursor() {
        return table.cursor(canvas.getSize());
    }

    /** Reads the images again if the store changed since they were read; the screen shows them at the next draw. */
    void reloadIfChanged() {
        actions.reloadIfChanged();
    }

    public Window window() {
        return window;
    }

    BrowseModel model() {
        return model;
    }

    /** The words as one filter line that {@link BrowseModel#words} splits back into the same words. */
    static String quote(List<String> words) {
        return words.stream().map(w -> w.isEmpty() || w.matches(".*[\\s'\"\\\\].*")
                ? "'" + w.replace("'", "'\\''") + "'" : w).collect(Collectors.joining(" "));
    }
}
