package io.imgsh.shell.view;

import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.Progress;
import io.imgsh.shell.view.BrowseModel.Row;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the browser's keys do: each action works on the engine and the {@link BrowseModel}, keeps the selection on
 * the same image where it can, and reports its outcome in the footer ({@link BrowseState#say}); an error becomes
 * that one line, never an exception out of the view. The store is read again only after a change: one made here,
 * or one seen in the store's change log.
 */
final class BrowseActions {
    /** How often, at most, the change log is looked at between keys. */
    static final long WATCH_NANOS = 1_000_000_000L;

    private final FullScreen screen;
    private final Images images;
    private final String home;
    private final Supplier<List<Image>> lister;
    private final LongSupplier latestChange;
    private final BrowseModel model;
    private final BrowseState state;
    /** Asks for a redraw: messages also come between keys (a watched change, a closed editor, an export). */
    private final Runnable invalidate;
    private long seenChange;
    private long lastWatch;

    /**
     * @param home the user's home directory, for {@code ~/} in export paths (null: no expansion)
     * @param lister reads the images from the store
     * @param latestChange the id of the store's newest change
     */
    BrowseActions(FullScreen screen, Images images, String home,
                  Supplier<List<Image>> lister, LongSupplier latestChange, BrowseModel model, BrowseState state,
                  Runnable invalidate) {
        this.screen = screen;
        this.images = images;
        this.home = home;
        this.lister = lister;
        this.latestChange = latestChange;
        this.model = model;
        this.state = state;
        this.invalidate = invalidate;
    }

    // ---- the store --------------------------------------------------------------------------------------------

    /** Between keys: looks at the change log at most once per {@link #WATCH_NANOS}. */
    void watch() {
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
                invalidate.run();
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** Reads the images again, keeping the selection on the same image (or the same row if it is gone). */
    void reload() {
        String current = state.selectedFingerprint();
        seenChange = latestChange.getAsLong(); // first: a change made while reading is seen at the next look
        model.load(lister.get());
        int index = state.indexOf(current);
        state.selected = index >= 0 ? index : Math.max(0, Math.min(state.selected, model.shown().size() - 1));
    }

    /** {@code r}: reads the images again and says how many there are. */
    void reloadAndCount() {
        reload();
        say(model.total() + " images loaded");
    }

    // ---- filter and sort --------------------------------------------------------------------------------------

    /** Shows the images that pass {@code text}; the selection stays on its image if that still passes. */
    void filter(String text) {
        String current = state.selectedFingerprint();
        state.clearMessage();
        try {
            model.filter(text);
        } catch (RuntimeException e) {
            fail(e);
        }
        int index = state.indexOf(current);
        state.selected = Math.max(index, 0);
        if (index < 0) {
            state.top = 0;
        }
    }

    /** Esc on a filtered table: shows every image, and says how to leave. */
    void clearFilter() {
        filter("");
        say("Filter cleared; Esc again or q leaves");
    }

    /** Sorts by the next column, keeping the selected image selected. */
    void cycleSort() {
        keepSelection(model::cycleSort);
    }

    /** Reverses the sort, keeping the selected image selected. */
    void reverseSort() {
        keepSelection(model::reverseSort);
    }

    private void keepSelection(Runnable change) {
        String current = state.selectedFingerprint();
        change.run();
        state.selected = Math.max(state.indexOf(current), 0);
    }

    // ---- the selected image -----------------------------------------------------------------------------------

    /** Enter: {@code image info} over the browser, from which {@code e} edits. */
    void info() {
        withImage(row -> {
            Image image;
            try {
                image = images.snapshot(row.fingerprint()).image();
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            InfoPane.open(screen, image, () -> edit(row));
        });
    }

    /** {@code e}: the editor over the browser; a save reloads. */
    void edit() {
        withImage(this::edit);
    }

    private void edit(Row row) {
        EditorView editor;
        try {
            editor = new EditorView(screen, images, row.fingerprint(), saved -> {
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

    /** {@code d}: asks, then deletes (where images can be deleted). */
    void delete() {
        if (readOnly()) {
            return;
        }
        withImage(row -> state.asking(Question.confirming("Delete image " + label(row) + "? (y/N) ", () -> {
            images.delete(row.fingerprint());
            reload();
            say("Image " + row.image().shortFingerprint() + " deleted");
        })));
    }

    /** {@code a}: asks for a name (the browsed remote may prefix it: {@code remote:name}), then adds it. */
    void alias() {
        if (readOnly()) {
            return;
        }
        withImage(row -> state.asking(Question.asking("New alias for " + label(row) + ": ", name -> {
            String prefix = images.remote() + ":";
            String alias = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
            images.createAlias(alias, row.fingerprint(), "");
            reload();
            say("Alias " + alias + " created for " + row.image().shortFingerprint());
        })));
    }

    /** {@code x}: asks for a path, then exports there, saying so first since it takes a while. */
    void export() {
        withImage(row -> state.asking(Question.asking("Export " + label(row) + " to (empty: current directory): ",
                target -> {
            say("Exporting " + row.image().shortFingerprint() + "…");
            screen.redraw();
            List<Path> files = images.export(row.fingerprint(), target.isBlank() ? null : expand(target.strip()),
                    Progress.NONE);
            say("Image exported successfully: "
                    + files.stream().map(Path::toString).collect(Collectors.joining(", ")));
        })));
    }

    /** Says why images cannot be changed here, if they cannot; true then. */
    private boolean readOnly() {
        images.readOnlyBecause().ifPresent(why -> say("Read-only: " + why));
        return images.readOnlyBecause().isPresent();
    }

    private void withImage(Consumer<Row> action) {
        if (model.shown().isEmpty()) {
            say("No image selected");
            return;
        }
        action.accept(model.shown().get(state.selected));
    }

    private String expand(String path) {
        if (home != null && (path.equals("~") || path.startsWith("~/"))) {
            return home + path.substring(1);
        }
        return path;
    }

    private static String label(Row row) {
        return Draw.label(row.image());
    }

    // ---- outcomes ---------------------------------------------------------------------------------------------

    /** Runs what a prompt or confirmation asked for; a failure becomes the footer's message. */
    void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            fail(e);
        }
        invalidate.run();
    }

    void say(String text) {
        state.say(text, false);
        invalidate.run();
    }

    private void fail(RuntimeException e) {
        if (e instanceof NotFoundException) {
            // deleted elsewhere since the last look: show the store as it is
            reload();
            state.say("That image was deleted meanwhile", true);
        } else {
            state.say("Error: " + Draw.oneLine(e.getMessage() == null ? e.toString() : e.getMessage()), true);
        }
        invalidate.run();
    }
}
