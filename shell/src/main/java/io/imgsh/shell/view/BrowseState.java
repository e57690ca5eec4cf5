package io.imgsh.shell.view;

import io.imgsh.shell.view.BrowseModel.Row;
import java.util.List;

/**
 * What the browser is doing besides showing {@link BrowseModel}: which row is selected and where the screen is
 * scrolled to, which mode the keys are in, what is being typed and the line shown in the footer. The keys, the
 * actions and the table all read and change this one state; the table fits the scroll positions to the screen.
 */
final class BrowseState {
    /** What the keys do: move and act, type a filter, or answer a {@link Question}. */
    enum Mode { BROWSE, FILTER, QUESTION }

    private final BrowseModel model;
    private Mode mode = Mode.BROWSE;
    private LineInput input;
    private Question question;
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

    Question question() {
        return question;
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

    /** Asks {@code question} in the footer until it is answered. */
    void asking(Question question) {
        mode = Mode.QUESTION;
        this.question = question;
    }

    void browsing() {
        mode = Mode.BROWSE;
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
