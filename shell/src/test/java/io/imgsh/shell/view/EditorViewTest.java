package io.imgsh.shell.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageETag;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full-screen {@code image edit} on a virtual terminal over a real store. */
class EditorViewTest {
    static final String OPENED = """
             Edit image c45f2176ccdb (debian)
             Fingerprint:  c45f2176ccdb6919c8cd6d323fe878d8f95118168a91bea0197ca61dacb33e92
             Architecture: x86_64
             Created:      2023/11/14 22:13 UTC
            ────────────────────────────────────────────────────────────────────────────────────────────────────
            auto_update: false
            properties:
              description: Debian 12 amd64
              os: debian
              release: "12"
            public: false
            expires_at: 1970-01-01T00:00:00Z
            profiles:
            - default





            Ctrl-S save  Esc quit  Ctrl-R reload  Ctrl-Z undo  Ctrl-K cut line  Ctrl-Y paste
            """;

    @TempDir
    Path dir;

    ViewFixture store;
    ViewTester tester;
    EditorView editor;
    String fingerprint;
    final List<Boolean> closed = new ArrayList<>();

    @BeforeEach
    void oneImage() {
        store = new ViewFixture(dir);
        fingerprint = store.add("Debian 12 amd64", "debian", "12", 0, "debian/12", "debian");
        tester = new ViewTester(100, 20);
    }

    @AfterEach
    void close() {
        tester.close();
        store.close();
    }

    private void open() {
        editor = new EditorView(tester.screen, store.engine.images(), fingerprint, closed::add)
                .open();
        tester.draw();
    }

    private boolean isOpen() {
        return editor.window().getTextGUI() != null;
    }

    @Test
    void showsTheWritableFieldsAsYamlAndTheReadOnlyOnesAbove() {
        open();
        assertThat(tester.screen()).isEqualTo(OPENED);
        assertThat(tester.terminal.getCursorPosition()).as("the caret, at the start of the text")
                .isEqualTo(new com.googlecode.lanterna.TerminalPosition(0, 5));
    }

    @Test
    void ctrlSSavesValidYamlAndCloses() {
        open();
        tester.press(KeyType.ArrowDown, KeyType.ArrowDown, KeyType.End).type(" (edited)");
        tester.press(KeyType.ArrowUp, KeyType.ArrowUp, KeyType.End).press(KeyType.Backspace).press(KeyType.Backspace)
                .press(KeyType.Backspace).press(KeyType.Backspace).press(KeyType.Backspace).type("true");
        assertThat(tester.row(5)).isEqualTo("auto_update: true");
        assertThat(tester.row(7)).isEqualTo("  description: Debian 12 amd64 (edited)");
        tester.ctrl('s');
        assertThat(isOpen()).isFalse();
        assertThat(editor.saved()).isTrue();
        assertThat(closed).containsExactly(true);
        Image saved = store.image(fingerprint);
        assertThat(saved.autoUpdate()).isTrue();
        assertThat(saved.isPublic()).isFalse();
        assertThat(saved.properties()).isEqualTo(Map.of("description", "Debian 12 amd64 (edited)", "os", "debian",
                "release", "12"));
    }

    @Test
    void invalidYamlIsReportedInlineAndNothingIsSaved() {
        String before = ImageETag.of(store.image(fingerprint));
        open();
        tester.press(KeyType.ArrowDown, KeyType.End).type(" x: [");
        tester.ctrl('s');
        assertThat(isOpen()).isTrue();
        assertThat(tester.row(18)).isEqualTo("Not saved: yaml: line 2: mapping values are not allowed here");
        assertThat(tester.styleAt(0, 18)).contains(com.googlecode.lanterna.SGR.BOLD);
        assertThat(tester.row(19)).isEqualTo(EditorView.HELP);
        assertThat(tester.row(6)).isEqualTo("properties: x: [");

        for (int i = 0; i < 5; i++) {
            tester.press(KeyType.Backspace);
        }
        tester.press(KeyType.ArrowUp, KeyType.End).type("ish");
        tester.ctrl('s');
        assertThat(editor.statusText()).isEqualTo("Not saved: yaml: unmarshal errors: line 1: cannot unmarshal "
                + "!!str `falseish` into bool");
        tester.press(KeyType.Backspace, KeyType.Backspace, KeyType.Backspace);
        tester.press(KeyType.ArrowDown, KeyType.ArrowDown, KeyType.ArrowDown, KeyType.ArrowDown, KeyType.ArrowDown,
                KeyType.ArrowDown, KeyType.End).type("Z");
        assertThat(tester.row(11)).isEqualTo("expires_at: 1970-01-01T00:00:00ZZ");
        tester.ctrl('s');
        assertThat(editor.statusText()).startsWith("Not saved: yaml: line 7: invalid timestamp");
        assertThat(List.of(tester.row(18), tester.row(19))).as("a long message takes both lines").containsExactly(
                "Not saved: yaml: line 7: invalid timestamp \"1970-01-01T00:00:00ZZ\" (expected RFC 3339, e.g.",
                "  2030-01-01T00:00:00Z)");
        assertThat(ImageETag.of(store.image(fingerprint))).as("nothing saved").isEqualTo(before);
        assertThat(closed).isEmpty();

        tester.press(KeyType.Backspace);
        tester.press(KeyType.ArrowUp, KeyType.ArrowUp, KeyType.End, KeyType.ArrowLeft).type("0");
        assertThat(tester.row(9)).isEqualTo("  release: \"120\"");
        tester.ctrl('s');
        assertThat(isOpen()).as(editor.statusText()).isFalse();
        assertThat(store.image(fingerprint).properties()).containsEntry("release", "120");
    }

    @Test
    void emptyTextIsRefused() {
        open();
        tester.ctrl('s'); // unchanged text saves as is
        assertThat(closed).containsExactly(true);
        closed.clear();
        open();
        for (int i = 0; i < 12; i++) {
            tester.press(KeyType.ArrowDown);
        }
        tester.press(KeyType.End);
        for (int i = 0; i < 200; i++) {
            tester.press(KeyType.Backspace);
        }
        assertThat(tester.row(5)).isEmpty();
        tester.ctrl('s');
        assertThat(editor.statusText()).isEqualTo("Not saved: Empty YAML: nothing changed (give the full image "
                + "definition)");
        assertThat(store.image(fingerprint).properties()).hasSize(3);
    }

    @Test
    void aChangeMadeMeanwhileIsAConflictNotOverwritten() {
        open();
        tester.press(KeyType.ArrowDown, KeyType.ArrowDown, KeyType.End).type(" (mine)");
        store.engine.images().setProperty(fingerprint, "os", "changed-elsewhere");

        tester.ctrl('s');
        assertThat(isOpen()).isTrue();
        assertThat(tester.screen()).endsWith("""
                Conflict: the image changed since it was opened, so nothing was saved. Ctrl-R reloads it (your
                  edits are dropped), Esc quits.
                """);
        assertThat(store.image(fingerprint).properties()).containsEntry("os", "changed-elsewhere")
                .containsEntry("description", "Debian 12 amd64");

        tester.ctrl('r');
        assertThat(tester.row(8)).isEqualTo("  os: changed-elsewhere");
        assertThat(tester.row(7)).isEqualTo("  description: Debian 12 amd64");
        assertThat(tester.row(18)).isEqualTo("Reloaded the image as it is now.");
        assertThat(tester.row(19)).isEqualTo(EditorView.HELP);
        tester.press(KeyType.ArrowDown, KeyType.ArrowDown, KeyType.End).type(" (mine)").ctrl('s');
        assertThat(isOpen()).isFalse();
        assertThat(store.image(fingerprint).properties()).containsEntry("os", "changed-elsewhere")
                .containsEntry("description", "Debian 12 amd64 (mine)");
    }

    @Test
    void aDeletedImageIsReportedInline() {
        open();
        store.engine.images().delete(fingerprint);
        tester.ctrl('s');
        assertThat(tester.row(18)).isEqualTo("Not saved: Image not found");
        tester.ctrl('r');
        assertThat(tester.row(18)).isEqualTo("Error: Image not found");
        tester.press(KeyType.Escape);
        assertThat(isOpen()).isFalse();
        assertThat(closed).containsExactly(false);
    }

    @Test
    void escapeAsksBeforeDroppingEdits() {
        open();
        tester.press(KeyType.Escape);
        assertThat(isOpen()).as("nothing changed: leaves at once").isFalse();
        assertThat(closed).containsExactly(false);

        open();
        tester.type("x");
        tester.press(KeyType.Escape);
        assertThat(isOpen()).isTrue();
        assertThat(tester.row(18)).isEqualTo("Unsaved changes: Esc again discards them, Ctrl-S saves them.");
        tester.press(KeyType.ArrowDown); // anything else cancels the question
        assertThat(tester.row(18)).isEmpty();
        tester.ctrl('c');
        assertThat(isOpen()).isTrue();
        tester.ctrl('c');
        assertThat(isOpen()).isFalse();
        assertThat(editor.saved()).isFalse();
        assertThat(store.image(fingerprint).autoUpdate()).isFalse();
    }

    @Test
    void ctrlZUndoesChangesATypedRunAtATime() {
        open();
        tester.press(KeyType.ArrowDown, KeyType.ArrowDown, KeyType.Home).type("ab cd").press(KeyType.End)
                .press(KeyType.Enter).type("k");
        assertThat(tester.row(7)).isEqualTo("ab cd  description: Debian 12 amd64");
        assertThat(tester.row(8)).isEqualTo("k");
        tester.ctrl('z');
        assertThat(tester.row(8)).isBlank();
        tester.ctrl('z'); // Enter
        assertThat(tester.row(8)).isEqualTo("  os: debian");
        tester.ctrl('z');
        assertThat(tester.row(7)).isEqualTo("ab   description: Debian 12 amd64");
        tester.ctrl('z');
        assertThat(tester.row(7)).isEqualTo("ab  description: Debian 12 amd64");
        tester.ctrl('z');
        assertThat(tester.screen()).isEqualTo(OPENED);
        tester.ctrl('z');
        assertThat(tester.row(18)).isEqualTo("Nothing to undo.");
        tester.press(KeyType.Escape);
        assertThat(isOpen()).as("back as it was opened: nothing to confirm").isFalse();
    }

    @Test
    void ctrlKCutsToTheEndOfTheLineAndCtrlYPastesIt() {
        open();
        tester.press(KeyType.ArrowDown, KeyType.ArrowDown);
        for (int i = 0; i < "  description: Debian".length(); i++) {
            tester.press(KeyType.ArrowRight);
        }
        tester.ctrl('k');
        assertThat(tester.row(7)).isEqualTo("  description: Debian");
        tester.ctrl('k'); // at the end of the line: joins the next one
        assertThat(tester.row(7)).isEqualTo("  description: Debian  os: debian");
        tester.ctrl('y'); // both cuts
        assertThat(tester.screen()).isEqualTo(OPENED);
        tester.ctrl('z');
        assertThat(tester.row(7)).isEqualTo("  description: Debian  os: debian");
        tester.ctrl('z');
        tester.ctrl('z');
        assertThat(tester.screen()).isEqualTo(OPENED);
    }

    @Test
    void tabAndEnterKeepYamlIndentation() {
        open();
        tester.press(KeyType.ArrowDown, KeyType.End).press(KeyType.Enter).type("flavour: minimal")
                .press(KeyType.Enter).type("size: small");
        assertThat(tester.row(7)).isEqualTo("  flavour: minimal");
        assertThat(tester.row(8)).isEqualTo("  size: small");
        tester.press(KeyType.ArrowUp);
        tester.press(KeyType.ArrowUp, KeyType.Home).press(KeyType.Tab).type("x");
        tester.ctrl('s');
        assertThat(isOpen()).isTrue();
        assertThat(tester.row(6)).isEqualTo("  xproperties:");
        tester.press(KeyType.Backspace, KeyType.Backspace, KeyType.Backspace);
        tester.ctrl('s');
        assertThat(isOpen()).as(editor.statusText()).isFalse();
        Image saved = store.image(fingerprint);
        assertThat(saved.properties()).containsEntry("flavour", "minimal").containsEntry("size", "small");
    }

    @Test
    void expiryAndPublicAreWritable() {
        open();
        for (int i = 0; i < 5; i++) {
            tester.press(KeyType.ArrowDown);
        }
        tester.press(KeyType.End).press(KeyType.Backspace, KeyType.Backspace, KeyType.Backspace,
                KeyType.Backspace, KeyType.Backspace).type("true");
        tester.press(KeyType.ArrowDown, KeyType.End);
        for (int i = 0; i < 20; i++) {
            tester.press(KeyType.Backspace);
        }
        tester.type("2031-02-03T04:05:06Z").ctrl('s');
        assertThat(isOpen()).as(editor.statusText()).isFalse();
        Image saved = store.image(fingerprint);
        assertThat(saved.isPublic()).isTrue();
        assertThat(saved.expiresAt()).isEqualTo(Instant.parse("2031-02-03T04:05:06Z"));
    }
}
