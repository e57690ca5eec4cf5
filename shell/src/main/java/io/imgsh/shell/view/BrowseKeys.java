package io.imgsh.shell.view;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/**
 * The browser's key map: what a key does in each {@link BrowseState.Mode}. Moving the selection and scrolling the
 * columns happen here; everything else is a {@link BrowseActions} call. While a filter is typed the arrows still
 * move, but letters are text.
 */
final class BrowseKeys {
    private final BrowseModel model;
    private final BrowseState state;
    private final BrowseActions actions;
    private final Runnable leave;
    private final Runnable repaintAll;

    /**
     * @param leave closes the browser
     * @param repaintAll draws the whole screen again (Ctrl-L, after something else wrote on the terminal)
     */
    BrowseKeys(BrowseModel model, BrowseState state, BrowseActions actions, Runnable leave, Runnable repaintAll) {
        this.model = model;
        this.state = state;
        this.actions = actions;
        this.leave = leave;
        this.repaintAll = repaintAll;
    }

    void handle(KeyStroke key) {
        switch (state.mode()) {
            case FILTER -> filterKey(key);
            case QUESTION -> questionKey(key);
            default -> browseKey(key);
        }
    }

    private void browseKey(KeyStroke key) {
        state.clearMessage();
        if (navigate(key, true)) {
            return;
        }
        if (Keys.is(key, KeyType.ArrowLeft) || Keys.is(key, 'h')) {
            state.firstColumn = Math.max(0, state.firstColumn - 1);
        } else if (Keys.is(key, KeyType.ArrowRight) || Keys.is(key, 'l')) {
            state.firstColumn++; // drawing keeps it within what there is to scroll to
        } else if (Keys.is(key, KeyType.Escape) && !model.filterText().isEmpty()) {
            actions.clearFilter();
        } else if (Keys.cancel(key) || Keys.is(key, 'q')) {
            leave.run();
        } else if (Keys.is(key, '/')) {
            state.filtering(model.filterText());
        } else if (Keys.is(key, 's')) {
            actions.cycleSort();
        } else if (Keys.is(key, 'S')) {
            actions.reverseSort();
        } else if (Keys.is(key, KeyType.Enter)) {
            actions.info();
        } else if (Keys.is(key, 'e')) {
            actions.edit();
        } else if (Keys.is(key, 'd')) {
            actions.delete();
        } else if (Keys.is(key, 'a')) {
            actions.alias();
        } else if (Keys.is(key, 'x')) {
            actions.export();
        } else if (Keys.is(key, 'r')) {
            actions.reloadAndCount();
        } else if (Keys.ctrl(key, 'l')) {
            repaintAll.run();
        }
    }

    /** Moves the selection; j/k/g/G/space only when {@code letters} (not while typing). */
    private boolean navigate(KeyStroke key, boolean letters) {
        int last = model.shown().size() - 1;
        int pageRows = state.pageRows;
        int target;
        switch (key.getKeyType()) {
            case ArrowUp -> target = state.selected - 1;
            case ArrowDown -> target = state.selected + 1;
            case PageUp -> {
                state.top = Math.max(0, state.top - pageRows);
                target = state.selected - pageRows;
            }
            case PageDown -> target = pageDown(last);
            case Home -> target = 0;
            case End -> target = last;
            default -> {
                if (!letters || key.getKeyType() != KeyType.Character || Keys.modified(key)) {
                    return false;
                }
                switch (key.getCharacter()) {
                    case 'k' -> target = state.selected - 1;
                    case 'j' -> target = state.selected + 1;
                    case ' ' -> target = pageDown(last);
                    case 'g' -> target = 0;
                    case 'G' -> target = last;
                    default -> {
                        return false;
                    }
                }
            }
        }
        state.selected = Math.max(0, Math.min(target, last));
        return true;
    }

    /** Scrolls a page down (not past the last page) and returns the row a page below the selection. */
    private int pageDown(int last) {
        state.top = Math.max(0, Math.min(state.top + state.pageRows, last - state.pageRows + 1));
        return state.selected + state.pageRows;
    }

    private void filterKey(KeyStroke key) {
        if (Keys.is(key, KeyType.Enter)) {
            state.browsing();
        } else if (Keys.cancel(key)) {
            state.browsing();
            actions.filter("");
        } else if (!navigate(key, false) && state.input().edit(key)) {
            actions.filter(state.input().text());
        }
    }

    private void questionKey(KeyStroke key) {
        state.question().key(key).ifPresent(action -> {
            state.browsing();
            if (action == Question.CANCEL) {
                actions.say("Cancelled");
            } else {
                actions.run(action);
            }
        });
    }
}
