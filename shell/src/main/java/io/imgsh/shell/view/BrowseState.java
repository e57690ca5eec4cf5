package io.imgsh.shell.view;

import io.imgsh.shell.view.BrowseModel.Row;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the browser is doing besides showing {@link BrowseModel}: which row is selected and where the screen is
 * scrolled to, which mode the keys are in, what is being typed and the line shown in the footer. The keys, the
 * actions and the table all read and change this one state; the table fits the scroll positions to the screen.
 */
final class BrowseState {
    /** What the keys do: move and act, type a filter, answer a prompt, or confirm. */
    enum Mode { BROWSE, FILTER, PROMPT, CONFIRM }

    private final BrowseModel model;
    private Mode mode = Mode.BROWSE;
    private LineInput input;
    private String prompt = "";
    private Consumer<String> onSubmit;
    private Runnable onConfirm;
    private String message;
    private boolean error;
    /** The index of the selected row in {@link BrowseModel#shown()}. */
    int selected;
    /** The index of the first row on screen. */
    int top;
    /** How many rows the screen shows, as of the last draw (PgUp/PgDn move by this). */
    int pageRows = 10;
    /** The first column shown: Left and Right scroll the columns of a table wider than the screen. */
    int firstColumn;

    BrowseState(BrowseModel model) {
        this.model = model;
    }

    Mode mode() {
        return mode;
    }

    LineInput input() {
        return input;
    }

    String prompt() {
        return prompt;
    }

    /** The message for the footer, or null for the key hints. */
    String message() {
        return message;
    }

    boolean error() {
        return error;
    }

    void say(String text, boolean isError) {
        message = text;
        error = isError;
    }

    void clearMessage() {
        say(null, false);
    }

    /** Starts typing a filter, from {@code text}. */
    void filtering(String text) {
        input = new LineInput(text);
        mode = Mode.FILTER;
    }

    /** Asks {@code question}; Enter hands the typed answer to {@code action}. */
    void asking(String question, Consumer<String> action) {
        mode = Mode.PROMPT;
        prompt = question;
        input = new LineInput("");
        onSubmit = action;
    }

    /** Asks {@code question}; y runs {@code action}. */
    void confirming(String question, Runnable action) {
        mode = Mode.CONFIRM;
        prompt = question;
        onConfirm = action;
    }

    void browsing() {
        mode = Mode.BROWSE;
    }

    /** Back to browsing; returns what the prompt was to do with the answer. */
    Consumer<String> takeSubmit() {
        Consumer<String> action = onSubmit;
        onSubmit = null;
        mode = Mode.BROWSE;
        return action;
    }

    /** Back to browsing; returns what the confirmation was to do. */
    Runnable takeConfirm() {
        Runnable action = onConfirm;
        onConfirm = null;
        mode = Mode.BROWSE;
        return action;
    }

    /** The selected row's image, or null when no row is shown. */
    String selectedFingerprint() {
        List<Row> shown = model.shown();
        return selected < shown.size() ? shown.get(selected).fingerprint() : null;
    }

    /** Where the image {@code fingerprint} is now shown, or -1 (also for null). */
    int indexOf(String fingerprint) {
        return fingerprint == null ? -1 : model.indexOf(fingerprint);
    }
}
