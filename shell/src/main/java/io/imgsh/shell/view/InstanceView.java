package io.imgsh.shell.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.instance.InstanceState;
import io.imgsh.engine.instance.InstanceStatus;
import io.imgsh.engine.instance.Instances;
import io.imgsh.engine.instance.PublishRequest;
import io.imgsh.shell.render.Column;
import io.imgsh.shell.render.ColumnLetters;
import io.imgsh.shell.render.InstanceColumns;
import io.imgsh.shell.render.InstanceInfoText;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code browse}: the instances as {@code list} shows them (name, state, snapshots, base image), full-screen, with
 * actions on the selected one: Enter (or {@code i}) shows what {@code info} prints, {@code s} starts, {@code t}
 * force-stops after a y/n confirmation, {@code x} opens a shell in it (the view closes, {@link #shellIn()} names
 * the instance, and the caller opens the view again after), {@code p} publishes it to the store under the alias
 * typed, {@code d} deletes after a confirmation (a second one, for a running instance, to force it), {@code r}
 * reads the instances again; {@code q}, Esc or Ctrl-C leave. Each action's outcome, an error included, is one line
 * in the footer.
 */
public final class InstanceView {
    static final String HELP = "Enter info  s start  t stop  x shell  p publish  d delete  r reload  q quit";
    static final List<Column<InstanceStatus>> COLUMNS = ColumnLetters.parse("nsSb", InstanceColumns.ALL);
    /** What {@code x} runs in the instance. */
    public static final List<String> SHELL = List.of("/bin/sh");
    private static final int GAP = 2;

    private final FullScreen screen;
    private final Instances instances;
    private final BasicWindow window = new BasicWindow();
    private final Canvas canvas;
    private List<InstanceStatus> rows = List.of();
    private int selected;
    private int top;
    private String message;
    private boolean error;
    /** The question in the footer while one is asked (null: browsing). */
    private Question question;
    private String shellIn;

    /** A view of {@code instances}, its footer showing {@code first} at first (null: the key hints). */
    public InstanceView(FullScreen screen, Instances instances, String first) {
        this.screen = screen;
        this.instances = instances;
        this.canvas = new Canvas(this::paint, this::cursor, this::handle);
        window.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS, Window.Hint.NO_POST_RENDERING));
        window.setComponent(canvas);
        act(this::reload);
        if (first != null && !error) {
            say(first, false);
        }
    }

    /** Shows the view; it closes on {@code q} or {@code x}. */
    InstanceView open() {
        screen.gui().addWindow(window);
        window.setFocusedInteractable(canvas);
        return this;
    }

    /** Runs the view until the user leaves; the instance to open a shell in, if that is why. */
    public Optional<String> run() {
        open();
        screen.runUntilClosed(window);
        return shellIn();
    }

    /** The instance whose shell {@code x} asked for, once the view closed for it. */
    Optional<String> shellIn() {
        return Optional.ofNullable(shellIn);
    }

    Window window() {
        return window;
    }

    // ---- keys -------------------------------------------------------------------------------------------------

    private void handle(KeyStroke key) {
        if (question == null) {
            browseKey(key);
            return;
        }
        question.key(key).ifPresent(action -> {
            question = null;
            if (action == Question.CANCEL) {
                say("Cancelled", false);
            } else {
                act(action);
            }
        });
    }

    private void browseKey(KeyStroke key) {
        message = null;
        switch (key.getKeyType()) {
            case ArrowUp -> selected = Math.max(0, selected - 1);
            case ArrowDown -> selected = Math.min(rows.size() - 1, selected + 1);
            case Home -> selected = 0;
            case End -> selected = rows.size() - 1;
            default -> {
                if (Keys.cancel(key) || Keys.is(key, 'q')) {
                    window.close();
                } else if (Keys.is(key, 'k')) {
                    selected = Math.max(0, selected - 1);
                } else if (Keys.is(key, 'j')) {
                    selected = Math.min(rows.size() - 1, selected + 1);
                } else if (Keys.is(key, 'r')) {
                    act(this::reload);
                } else if (Keys.ctrl(key, 'l')) {
                    screen.repaintAll();
                } else if (!rows.isEmpty()) {
                    instanceKey(key, rows.get(selected));
                }
            }
        }
        selected = Math.max(0, selected);
    }

    private void instanceKey(KeyStroke key, InstanceStatus status) {
        String name = status.instance().name();
        boolean running = status.state() != InstanceState.STOPPED;
        if (Keys.is(key, KeyType.Enter) || Keys.is(key, 'i')) {
            act(() -> InfoPane.open(screen, " Instance " + name, InstanceInfoText.of(instances.status(name))));
        } else if (Keys.is(key, 's')) {
            act(() -> {
                instances.start(name);
                reload();
                say("Instance " + name + " started", false);
            });
        } else if (Keys.is(key, 't')) {
            confirm("Force-stop instance " + name + "? (y/N) ", () -> {
                instances.stop(name, true, 0);
                reload();
                say("Instance " + name + " stopped", false);
            });
        } else if (Keys.is(key, 'x')) {
            if (running) {
                shellIn = name;
                window.close();
            } else {
                say("Error: Instance " + name + " is not running", true);
            }
        } else if (Keys.is(key, 'p')) {
            question = Question.asking("Publish " + name + " as alias (empty: none): ",
                    alias -> publish(name, alias.strip()));
        } else if (Keys.is(key, 'd')) {
            confirm("Delete instance " + name + "? (y/N) ", () -> {
                if (running) {
                    confirm("Instance " + name + " is running: force-delete it? (y/N) ", () -> delete(name, true));
                } else {
                    delete(name, false);
                }
            });
        }
    }

    private void publish(String name, String alias) {
        say("Publishing " + name + "…", false);
        screen.redraw();
        String fingerprint = instances.publish(new PublishRequest(name, ImageRef.LOCAL,
                alias.isEmpty() ? List.of() : List.of(alias), false, null, false, Map.of()), Progress.NONE);
        say("Instance " + name + " published as image " + fingerprint.substring(0, 12)
                + (alias.isEmpty() ? "" : " (" + alias + ")"), false);
    }

    private void delete(String name, boolean force) {
        instances.delete(name, force);
        reload();
        say("Instance " + name + " deleted", false);
    }

    private void confirm(String text, Runnable yes) {
        question = Question.confirming(text, yes);
    }

    /** Runs an action; a failure becomes the footer's one line, and the instances are read again. */
    private void act(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            say("Error: " + Draw.oneLine(e.getMessage() == null ? e.toString() : e.getMessage()), true);
            try {
                reload();
            } catch (RuntimeException ignored) {
                // the error already says what is wrong
            }
        }
        canvas.invalidate();
    }

    private void reload() {
        String current = rows.isEmpty() ? null : rows.get(selected).instance().name();
        rows = instances.list();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).instance().name().equals(current)) {
                selected = i;
            }
        }
        selected = Math.max(0, Math.min(selected, rows.size() - 1));
    }

    private void say(String text, boolean isError) {
        message = text;
        error = isError;
    }

    // ---- drawing ----------------------------------------------------------------------------------------------

    private void paint(TextGUIGraphics g) {
        int width = g.getSize().getColumns();
        int height = g.getSize().getRows();
        int pageRows = Math.max(1, height - 3);
        top = Math.max(0, Math.min(top, selected));
        if (selected >= top + pageRows) {
            top = selected - pageRows + 1;
        }
        int[] widths = widths();
        String count = rows.size() + (rows.size() == 1 ? " instance" : " instances");
        Draw.line(g, 0, width, " imgsh · instances · " + count, SGR.REVERSE);
        Draw.line(g, 1, width, "  " + cells(COLUMNS.stream().map(Column::header).toList(), widths), SGR.BOLD);
        for (int y = 2; y < height - 1; y++) {
            int index = top + y - 2;
            if (index < rows.size()) {
                InstanceStatus row = rows.get(index);
                String line = cells(COLUMNS.stream().map(c -> c.cell(row)).toList(), widths);
                if (index == selected) {
                    Draw.line(g, y, width, "> " + line, SGR.REVERSE);
                } else {
                    Draw.line(g, y, width, "  " + line);
                }
            } else {
                Draw.line(g, y, width, index == 0 ? "  No instances" : "");
            }
        }
        String footer = question != null ? question.line() : message != null ? message : HELP;
        Draw.line(g, height - 1, width, footer, error && question == null && message != null
                ? new SGR[] {SGR.BOLD} : new SGR[0]);
    }

    private int[] widths() {
        int[] widths = new int[COLUMNS.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = COLUMNS.get(c).header().length();
            for (InstanceStatus row : rows) {
                widths[c] = Math.max(widths[c], Draw.width(COLUMNS.get(c).cell(row)));
            }
        }
        return widths;
    }

    private static String cells(List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            sb.append(Draw.pad(cells.get(c), widths[c] + (c < widths.length - 1 ? GAP : 0)));
        }
        return sb.toString();
    }

    /** In the answer being typed, else hidden. */
    private TerminalPosition cursor() {
        return question == null ? null : question.cursor()
                .map(column -> new TerminalPosition(column, canvas.getSize().getRows() - 1)).orElse(null);
    }
}
