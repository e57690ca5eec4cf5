package io.imgsh.shell.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.event.Events;
import io.imgsh.engine.image.AliasService;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageService;
import io.imgsh.shell.command.image.ImageColumn;
import io.imgsh.shell.view.BrowseModel.Row;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code image browse}: the {@code image list} table, full-screen. Only the rows on screen are drawn, from cells
 * computed once per load ({@link BrowseModel}); the store is read again only after a change: one made here (delete,
 * alias, edit), one made elsewhere (another prompt, a script, a server), seen in the store's change log within
 * {@link #WATCH_NANOS}, or on {@code r}.
 *
 * <p>Keys: arrows (and j/k), PgUp/PgDn, Home/End (and g/G) move; Left/Right (and h/l) scroll a table wider than
 * the screen by a column; {@code /} filters as you type with the
 * {@code image list} rules (Enter keeps the filter, Esc clears it); {@code s} sorts by the next column and
 * {@code S} reverses; Enter shows {@code image info}; {@code e} edits; {@code a} adds an alias; {@code d} deletes
 * after a confirmation; {@code x} exports to a path; {@code r} reloads; {@code q}, Esc or Ctrl-C leave, but Esc
 * first clears a filter that is applied.
 */
public final class BrowseView {
    static final String HELP =
            "Enter info  / filter  s sort  S reverse  e edit  a alias  d delete  x export  r reload  q quit";
    /** The key hints, widest first: on a narrower screen they stay visible, in fewer words. */
    private static final List<String> HELPS = List.of(HELP,
            "Enter info / filter s/S sort e edit a alias d delete x export r reload q quit",
            "Enter / filter s/S sort e a d x r q quit");
    private static final char UP = '▲';
    private static final char DOWN = '▼';
    private static final int GUTTER = 2;
    private static final int GAP = 2;
    private static final int DESCRIPTION = BrowseModel.COLUMNS.indexOf(ImageColumn.DESCRIPTION);
    private static final int ALIAS = BrowseModel.COLUMNS.indexOf(ImageColumn.ALIAS);

    static final long WATCH_NANOS = 1_000_000_000L;

    private enum Mode { BROWSE, FILTER, PROMPT, CONFIRM }

    private final FullScreen screen;
    private final ImageService images;
    private final AliasService aliases;
    private final String home;
    private final Supplier<List<Image>> lister;
    private final LongSupplier latestChange;
    private long seenChange;
    private long lastWatch;
    private final BrowseModel model = new BrowseModel();
    private final BasicWindow window = new BasicWindow();
    private final Canvas table = new Canvas(this::render, this::cursor, this::handle);

    private Mode mode = Mode.BROWSE;
    private LineInput input;
    private String prompt = "";
    private Consumer<String> onSubmit;
    private Runnable onConfirm;
    private String message;
    private boolean error;
    private int selected;
    private int top;
    private int pageRows = 10;
    /** The first column shown: Left and Right scroll the columns of a table wider than the screen. */
    private int firstColumn;

    /**
     * A browser of the images matching {@code filters} (as {@code image list} takes them, without the remote).
     *
     * @param home the user's home directory, for {@code ~/} in export paths (null: no expansion)
     */
    public BrowseView(FullScreen screen, ImageService images, AliasService aliases, Events events,
                      List<String> filters, String home) {
        this(screen, images, aliases, events::latest, filters, home, images::list);
    }

    /**
     * {@code lister} reads the images from the store (tests count the reads); {@code latestChange} is the id of the
     * store's newest change.
     */
    BrowseView(FullScreen screen, ImageService images, AliasService aliases, LongSupplier latestChange,
               List<String> filters, String home, Supplier<List<Image>> lister) {
        this.screen = screen;
        this.images = images;
        this.aliases = aliases;
        this.home = home;
        this.lister = lister;
        this.latestChange = latestChange;
        window.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS, Window.Hint.NO_POST_RENDERING));
        window.setComponent(table);
        model.filter(quote(filters), filters);
        seenChange = latestChange.getAsLong();
        model.load(lister.get());
    }

    /** Shows the browser; it closes on {@code q}. */
    public BrowseView open() {
        screen.gui().addWindow(window);
        window.setFocusedInteractable(table);
        return this;
    }

    /** Opens the browser and runs it until the user leaves. */
    public void run() {
        open();
        screen.runUntilClosed(window, this::watch);
    }

    /** Between keys: looks at the change log at most once per {@link #WATCH_NANOS}. */
    private void watch() {
        long now = System.nanoTime();
        if (now - lastWatch >= WATCH_NANOS) {
            lastWatch = now;
            reloadIfChanged();
        }
    }

    /** Reads the images again if the store changed since they were read; the screen shows them at the next draw. */
    void reloadIfChanged() {
        try {
            if (latestChange.getAsLong() != seenChange) {
                reload();
                table.invalidate();
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    public Window window() {
        return window;
    }

    BrowseModel model() {
        return model;
    }

    // ---- keys -----------------------------------------------------------------------------------------------

    private void handle(KeyStroke key) {
        switch (mode) {
            case FILTER -> filterKey(key);
            case PROMPT -> promptKey(key);
            case CONFIRM -> confirmKey(key);
            default -> browseKey(key);
        }
    }

    private void browseKey(KeyStroke key) {
        message = null;
        error = false;
        if (navigate(key, true)) {
            return;
        }
        if (Keys.is(key, KeyType.ArrowLeft) || Keys.is(key, 'h')) {
            firstColumn = Math.max(0, firstColumn - 1);
        } else if (Keys.is(key, KeyType.ArrowRight) || Keys.is(key, 'l')) {
            firstColumn++; // rendering keeps it within what there is to scroll to
        } else if (Keys.is(key, KeyType.Escape) && !model.filterText().isEmpty()) {
            applyFilter("");
            say("Filter cleared; Esc again or q leaves");
        } else if (Keys.cancel(key) || Keys.is(key, 'q')) {
            window.close();
        } else if (Keys.is(key, '/')) {
            input = new LineInput(model.filterText());
            mode = Mode.FILTER;
        } else if (Keys.is(key, 's')) {
            keepSelection(model::cycleSort);
        } else if (Keys.is(key, 'S')) {
            keepSelection(model::reverseSort);
        } else if (Keys.is(key, KeyType.Enter)) {
            withImage(this::info);
        } else if (Keys.is(key, 'e')) {
            withImage(this::edit);
        } else if (Keys.is(key, 'd')) {
            withImage(this::confirmDelete);
        } else if (Keys.is(key, 'a')) {
            withImage(this::promptAlias);
        } else if (Keys.is(key, 'x')) {
            withImage(this::promptExport);
        } else if (Keys.is(key, 'r')) {
            reload();
            say(model.total() + " images loaded");
        } else if (Keys.ctrl(key, 'l')) {
            screen.repaintAll();
        }
    }

    /** Moves the selection; j/k/g/G/space only when {@code letters} (not while typing). */
    private boolean navigate(KeyStroke key, boolean letters) {
        int last = model.shown().size() - 1;
        int target;
        switch (key.getKeyType()) {
            case ArrowUp -> target = selected - 1;
            case ArrowDown -> target = selected + 1;
            case PageUp -> {
                top = Math.max(0, top - pageRows);
                target = selected - pageRows;
            }
            case PageDown -> {
                top = Math.max(0, Math.min(top + pageRows, last - pageRows + 1));
                target = selected + pageRows;
            }
            case Home -> target = 0;
            case End -> target = last;
            default -> {
                if (!letters || key.getKeyType() != KeyType.Character || Keys.modified(key)) {
                    return false;
                }
                switch (key.getCharacter()) {
                    case 'k' -> target = selected - 1;
                    case 'j' -> target = selected + 1;
                    case ' ' -> {
                        top = Math.max(0, Math.min(top + pageRows, last - pageRows + 1));
                        target = selected + pageRows;
                    }
                    case 'g' -> target = 0;
                    case 'G' -> target = last;
                    default -> {
                        return false;
                    }
                }
            }
        }
        selected = Math.max(0, Math.min(target, last));
        return true;
    }

    private void filterKey(KeyStroke key) {
        if (Keys.is(key, KeyType.Enter)) {
            mode = Mode.BROWSE;
        } else if (Keys.cancel(key)) {
            mode = Mode.BROWSE;
            applyFilter("");
        } else if (!navigate(key, false) && input.edit(key)) {
            applyFilter(input.text());
        }
    }

    private void applyFilter(String text) {
        String current = currentFingerprint();
        message = null;
        error = false;
        try {
            model.filter(text);
        } catch (RuntimeException e) {
            fail(e);
        }
        int index = current == null ? -1 : model.indexOf(current);
        selected = Math.max(index, 0);
        if (index < 0) {
            top = 0;
        }
    }

    private void promptKey(KeyStroke key) {
        if (Keys.is(key, KeyType.Enter)) {
            mode = Mode.BROWSE;
            String text = input.text();
            Consumer<String> action = onSubmit;
            onSubmit = null;
            run(() -> action.accept(text));
        } else if (Keys.cancel(key)) {
            mode = Mode.BROWSE;
            onSubmit = null;
            say("Cancelled");
        } else {
            input.edit(key);
        }
    }

    private void confirmKey(KeyStroke key) {
        mode = Mode.BROWSE;
        Runnable action = onConfirm;
        onConfirm = null;
        if (Keys.is(key, 'y') || Keys.is(key, 'Y')) {
            run(action);
        } else {
            say("Cancelled");
        }
    }

    // ---- actions --------------------------------------------------------------------------------------------

    private void withImage(Consumer<Row> action) {
        if (model.shown().isEmpty()) {
            say("No image selected");
            return;
        }
        action.accept(model.shown().get(selected));
    }

    private void info(Row row) {
        Image image;
        try {
            image = images.get(row.fingerprint());
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        InfoPane.open(screen, image, () -> edit(row));
    }

    private void edit(Row row) {
        EditorView editor;
        try {
            editor = new EditorView(screen, EditedImage.local(images, row.fingerprint()), saved -> {
                if (saved) {
                    reload();
                    say("Image " + row.image().shortFingerprint() + " updated");
                }
            });
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        editor.open();
    }

    private void confirmDelete(Row row) {
        mode = Mode.CONFIRM;
        prompt = "Delete image " + label(row) + "? (y/N) ";
        onConfirm = () -> {
            images.delete(row.fingerprint());
            reload();
            say("Image " + row.image().shortFingerprint() + " deleted");
        };
    }

    private void promptAlias(Row row) {
        ask("New alias for " + label(row) + ": ", "", name -> {
            String alias = name.startsWith("local:") ? name.substring(6) : name.startsWith(":") ? name.substring(1)
                    : name;
            aliases.create(alias, row.fingerprint(), "");
            reload();
            say("Alias " + alias + " created for " + row.image().shortFingerprint());
        });
    }

    private void promptExport(Row row) {
        ask("Export " + label(row) + " to (empty: current directory): ", "", target -> {
            say("Exporting " + row.image().shortFingerprint() + "…");
            screen.redraw();
            List<Path> files = images.export(row.fingerprint(), target.isBlank() ? null : expand(target.strip()));
            say("Image exported successfully: "
                    + files.stream().map(Path::toString).collect(Collectors.joining(", ")));
        });
    }

    private void ask(String question, String initial, Consumer<String> action) {
        mode = Mode.PROMPT;
        prompt = question;
        input = new LineInput(initial);
        onSubmit = action;
    }

    private String expand(String path) {
        if (home != null && (path.equals("~") || path.startsWith("~/"))) {
            return home + path.substring(1);
        }
        return path;
    }

    private void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            fail(e);
        }
        table.invalidate();
    }

    /** Reads the images again, keeping the selection on the same image (or the same row if it is gone). */
    private void reload() {
        String current = currentFingerprint();
        seenChange = latestChange.getAsLong(); // first: a change made while reading is seen at the next look
        model.load(lister.get());
        int index = current == null ? -1 : model.indexOf(current);
        selected = index >= 0 ? index : Math.max(0, Math.min(selected, model.shown().size() - 1));
    }

    private void keepSelection(Runnable change) {
        String current = currentFingerprint();
        change.run();
        int index = current == null ? -1 : model.indexOf(current);
        selected = Math.max(index, 0);
    }

    private String currentFingerprint() {
        List<Row> shown = model.shown();
        return selected < shown.size() ? shown.get(selected).fingerprint() : null;
    }

    private void say(String text) {
        message = text;
        error = false;
        table.invalidate();
    }

    private void fail(RuntimeException e) {
        if (e instanceof NotFoundException) {
            // deleted elsewhere since the last look: show the store as it is
            reload();
            message = "That image was deleted meanwhile";
            error = true;
            table.invalidate();
            return;
        }
        message = "Error: " + Draw.oneLine(e.getMessage() == null ? e.toString() : e.getMessage());
        error = true;
        table.invalidate();
    }

    private static String label(Row row) {
        return Draw.label(row.image());
    }

    /** The words as one filter line that {@link BrowseModel#words} splits back into the same words. */
    static String quote(List<String> words) {
        return words.stream().map(w -> w.isEmpty() || w.matches(".*[\\s'\"\\\\].*")
                ? "'" + w.replace("'", "'\\''") + "'" : w).collect(Collectors.joining(" "));
    }

    // ---- drawing --------------------------------------------------------------------------------------------

    private void render(TextGUIGraphics g) {
        TerminalSize size = g.getSize();
        int width = size.getColumns();
        int height = size.getRows();
        pageRows = Math.max(1, height - 3);
        List<Row> shown = model.shown();
        selected = Math.max(0, Math.min(selected, shown.size() - 1));
        if (selected < top) {
            top = selected;
        } else if (selected >= top + pageRows) {
            top = selected - pageRows + 1;
        }
        top = Math.max(0, Math.min(top, shown.size() - pageRows));
        int[] widths = layout(width);
        firstColumn = Math.min(firstColumn, lastFirstColumn(widths, width));

        Draw.line(g, 0, width, title(width), SGR.REVERSE);
        if (height > 1) {
            Draw.line(g, 1, width, header(widths), SGR.BOLD);
        }
        for (int y = 2; y < height - 1; y++) {
            int index = top + y - 2;
            if (index < shown.size()) {
                boolean current = index == selected;
                String line = (current ? "> " : "  ") + cells(shown.get(index), widths);
                if (current) {
                    Draw.line(g, y, width, line, SGR.REVERSE);
                } else {
                    Draw.line(g, y, width, line);
                }
            } else if (index == 0) {
                Draw.line(g, y, width, "  " + (model.total() == 0 ? "No images"
                        : "No image matches the filter (Esc clears it)"));
            } else {
                Draw.line(g, y, width, "");
            }
        }
        if (height > 2) {
            Draw.line(g, height - 1, width, footer(), error ? new SGR[] {SGR.BOLD} : new SGR[0]);
        }
    }

    private String title(int width) {
        int shown = model.shown().size();
        String count = model.filterText().isEmpty() ? shown + " images" : shown + " of " + model.total() + " images";
        String left = " imgsh · local · " + count + " · sorted by "
                + BrowseModel.COLUMNS.get(model.sortColumn()).header() + " " + (model.reversed() ? DOWN : UP)
                + (model.filterText().isEmpty() ? "" : " · filter: " + model.filterText());
        String right = shown == 0 ? "" : (selected + 1) + "/" + shown + " ";
        int room = width - Draw.width(right);
        return Draw.pad(left, room) + right;
    }

    /** The first column that, scrolled to, shows the table's right edge (0 when it all fits). */
    private static int lastFirstColumn(int[] widths, int width) {
        int shown = GUTTER + widths[widths.length - 1];
        int first = widths.length - 1;
        while (first > 0 && shown + GAP + widths[first - 1] <= width) {
            first--;
            shown += GAP + widths[first];
        }
        return first;
    }

    private String header(int[] widths) {
        StringBuilder sb = new StringBuilder(firstColumn > 0 ? "« " : " ".repeat(GUTTER));
        for (int c = firstColumn; c < widths.length; c++) {
            String name = BrowseModel.COLUMNS.get(c).header();
            if (c == model.sortColumn()) {
                name += model.reversed() ? DOWN : UP;
            }
            sb.append(Draw.pad(name, widths[c]));
            if (c < widths.length - 1) {
                sb.append(" ".repeat(GAP));
            }
        }
        return sb.toString();
    }

    private String cells(Row row, int[] widths) {
        StringBuilder sb = new StringBuilder();
        String[] cells = row.cells();
        for (int c = firstColumn; c < widths.length; c++) {
            sb.append(Draw.pad(cells[c], widths[c]));
            if (c < widths.length - 1) {
                sb.append(" ".repeat(GAP));
            }
        }
        return sb.toString();
    }

    /**
     * Column widths for a screen this wide: the widest cells, with DESCRIPTION then ALIAS narrowed to fit (down to 20
     * and 16 columns, then to 11 and 10); what still does not fit is cut at the right edge.
     */
    private int[] layout(int width) {
        int[] widths = model.widths();
        int total = GUTTER + GAP * (widths.length - 1);
        for (int w : widths) {
            total += w;
        }
        int excess = total - width;
        for (int[] column : new int[][] {{DESCRIPTION, 20}, {ALIAS, 16}, {DESCRIPTION, 11}, {ALIAS, 10}}) {
            if (excess <= 0) {
                break;
            }
            int c = column[0];
            int take = Math.min(excess, Math.max(0, widths[c] - column[1]));
            widths[c] -= take;
            excess -= take;
        }
        return widths;
    }

    private String footer() {
        return switch (mode) {
            case FILTER -> "/" + input.text();
            case PROMPT -> prompt + input.text();
            case CONFIRM -> prompt;
            default -> message != null ? message : help(table.getSize().getColumns());
        };
    }

    private static String help(int width) {
        return HELPS.stream().filter(text -> text.length() < width).findFirst().orElse(HELPS.get(HELPS.size() - 1));
    }

    private TerminalPosition cursor() {
        int row = table.getSize().getRows() - 1;
        return switch (mode) {
            case FILTER -> new TerminalPosition(Math.min(1 + input.cursor(), table.getSize().getColumns() - 1), row);
            case PROMPT -> new TerminalPosition(Math.min(Draw.width(prompt) + input.cursor(),
                    table.getSize().getColumns() - 1), row);
            default -> null;
        };
    }
}
