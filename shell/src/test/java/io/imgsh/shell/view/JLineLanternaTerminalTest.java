package io.imgsh.shell.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.imgsh.engine.image.Image;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.LineDisciplineTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter on a JLine terminal with a line discipline (what an SSH channel gets): raw mode, key decoding, size and
 * resize, Ctrl-C as a key, and the views running on it as in production.
 */
class JLineLanternaTerminalTest {
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private LineDisciplineTerminal jline;
    private final AtomicInteger interrupts = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeEach
    void terminal() throws IOException {
        jline = new LineDisciplineTerminal("test", "xterm-256color", screen, StandardCharsets.UTF_8);
        jline.setSize(new Size(100, 30));
        jline.handle(Terminal.Signal.INT, s -> interrupts.incrementAndGet());
    }

    @AfterEach
    void close() throws IOException {
        jline.close();
    }

    private void typeBytes(String text) throws IOException {
        jline.processInputBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyStroke next(JLineLanternaTerminal terminal) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            KeyStroke key;
            while ((key = terminal.pollInput()) == null) {
                terminal.awaitInput(20);
            }
            return key;
        });
    }

    private static String describe(Attributes a) {
        return a.getLocalFlags() + " " + a.getInputFlags() + " " + a.getOutputFlags() + " " + a.getControlFlags()
                + " " + a.getControlChars();
    }

    @Test
    void rawModeWithoutSignalsWhileOpenThenTheAttributesAsBefore() throws IOException {
        String before = describe(jline.getAttributes());
        assertThat(jline.getAttributes().getLocalFlag(Attributes.LocalFlag.ISIG)).isTrue();
        JLineLanternaTerminal terminal = JLineLanternaTerminal.open(jline);
        Attributes raw = jline.getAttributes();
        assertThat(raw.getLocalFlag(Attributes.LocalFlag.ICANON)).isFalse();
        assertThat(raw.getLocalFlag(Attributes.LocalFlag.ECHO)).isFalse();
        assertThat(raw.getLocalFlag(Attributes.LocalFlag.ISIG)).isFalse();
        assertThat(raw.getInputFlag(Attributes.InputFlag.IXON)).isFalse();
        terminal.close();
        assertThat(describe(jline.getAttributes())).isEqualTo(before);
        assertThat(jline.handle(Terminal.Signal.INT, Terminal.SignalHandler.SIG_DFL)).as("the INT handler is back")
                .isNotNull().isNotSameAs(Terminal.SignalHandler.SIG_DFL);
    }

    @Test
    void keysAreDecodedWholeSequencesAtATime() throws IOException {
        try (JLineLanternaTerminal terminal = JLineLanternaTerminal.open(jline)) {
            String[] input = {"\u001b[A", "\u001b[B", "\u001b[C", "\u001b[D", "\u001b[5~", "\u001b[6~", "\u001b[H",
                    "\u001b[F", "\u001bOA", "\u001b[3~", "\r", "\n", "\t", "\u007f", "q", "é", "\u001bx"};
            // ESC O A: the up arrow in application cursor mode
            KeyStroke[] expected = {new KeyStroke(KeyType.ArrowUp), new KeyStroke(KeyType.ArrowDown),
                    new KeyStroke(KeyType.ArrowRight), new KeyStroke(KeyType.ArrowLeft),
                    new KeyStroke(KeyType.PageUp), new KeyStroke(KeyType.PageDown), new KeyStroke(KeyType.Home),
                    new KeyStroke(KeyType.End), new KeyStroke(KeyType.ArrowUp), new KeyStroke(KeyType.Delete),
                    new KeyStroke(KeyType.Enter), new KeyStroke(KeyType.Enter), new KeyStroke(KeyType.Tab),
                    new KeyStroke(KeyType.Backspace), new KeyStroke('q', false, false),
                    new KeyStroke('é', false, false), new KeyStroke('x', false, true)};
            for (int i = 0; i < input.length; i++) {
                typeBytes(input[i]);
                assertThat(next(terminal)).as("key for %s", input[i].replace("\u001b", "ESC")).isEqualTo(expected[i]);
            }
            // several keys in one read, as a fast typist or a paste delivers them
            typeBytes("\u001b[6~\u001b[6~j\u001b[A");
            assertThat(List.of(next(terminal), next(terminal), next(terminal), next(terminal))).containsExactly(
                    new KeyStroke(KeyType.PageDown), new KeyStroke(KeyType.PageDown), new KeyStroke('j', false, false),
                    new KeyStroke(KeyType.ArrowUp));
        }
    }

    @Test
    void aLoneEscapeIsTheEscapeKey() throws IOException {
        try (JLineLanternaTerminal terminal = JLineLanternaTerminal.open(jline)) {
            typeBytes("\u001b");
            assertThat(next(terminal)).isEqualTo(new KeyStroke(KeyType.Escape));
            typeBytes("/");
            assertThat(next(terminal)).isEqualTo(new KeyStroke('/', false, false));
        }
    }

    @Test
    void ctrlCIsAKeyNeverASignal() throws IOException {
        try (JLineLanternaTerminal terminal = JLineLanternaTerminal.open(jline)) {
            typeBytes("\u0003");
            assertThat(next(terminal)).isEqualTo(new KeyStroke('c', true, false));
            typeBytes("\u0013\u001a\u001c");
            assertThat(List.of(next(terminal), next(terminal), next(terminal))).containsExactly(
                    new KeyStroke('s', true, false), new KeyStroke('z', true, false), new KeyStroke('\\', true, false));
            jline.raise(Terminal.Signal.INT); // a SIGINT that arrives anyway
            assertThat(next(terminal)).isEqualTo(new KeyStroke('c', true, false));
        }
        assertThat(interrupts).as("the previous INT handler never ran while open").hasValue(0);
        typeBytes("\u0003");
        assertThat(interrupts).as("and is back afterwards").hasValue(1);
    }

    @Test
    void sizeAndResizesComeFromJLine() {
        try (JLineLanternaTerminal terminal = JLineLanternaTerminal.open(jline)) {
            assertThat(terminal.getTerminalSize()).isEqualTo(new TerminalSize(100, 30));
            List<TerminalSize> resizes = new CopyOnWriteArrayList<>();
            terminal.addResizeListener((t, size) -> resizes.add(size));
            jline.setSize(new Size(72, 18));
            jline.raise(Terminal.Signal.WINCH);
            assertThat(resizes).containsExactly(new TerminalSize(72, 18));
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> terminal.awaitInput(10_000)))
                    .as("a resize wakes the view loop").isFalse();
            jline.setSize(new Size(0, 0));
            assertThat(terminal.getTerminalSize()).as("an unknown size").isEqualTo(new TerminalSize(80, 24));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withoutUtf8TheViewSymbolsBecomeAscii() throws IOException {
        ByteArrayOutputStream ascii = new ByteArrayOutputStream();
        try (LineDisciplineTerminal posix = new LineDisciplineTerminal("posix", "xterm", ascii,
                StandardCharsets.US_ASCII);
             JLineLanternaTerminal terminal = JLineLanternaTerminal.open(posix)) {
            terminal.putString("ALIAS▲ SIZE▼ a · b… é ──█▒");
            terminal.flush();
        }
        assertThat(ascii.toString(StandardCharsets.US_ASCII)).isEqualTo("ALIAS^ SIZEv a | b~ ? --#:");
        try (JLineLanternaTerminal terminal = JLineLanternaTerminal.open(jline)) {
            terminal.putString("▲·é");
            terminal.flush();
        }
        assertThat(screen.toByteArray()).as("UTF-8, and no NUL after two-byte characters")
                .isEqualTo("▲·é".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theViewLeavesTheAlternateScreenAndShowsTheCursor() throws IOException {
        try (JLineLanternaTerminal terminal = JLineLanternaTerminal.open(jline);
             FullScreen full = FullScreen.start(terminal)) {
            assertThat(screen.toString(StandardCharsets.UTF_8)).contains("\u001b[?1049h");
            full.gui().addWindow(new BasicWindow("hello"));
            full.redraw();
            assertThat(screen.toString(StandardCharsets.UTF_8)).contains("hello");
        }
        String all = screen.toString(StandardCharsets.UTF_8);
        assertThat(all.substring(all.lastIndexOf("hello"))).contains("\u001b[?25h", "\u001b[?1049l");
    }

    @Test
    void endOfInputEndsTheView() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (JLineLanternaTerminal terminal = JLineLanternaTerminal.open(jline);
                 FullScreen full = FullScreen.start(terminal)) {
                BasicWindow window = new BasicWindow("waiting");
                full.gui().addWindow(window);
                jline.close();
                full.runUntilClosed(window);
                assertThat(full.ended()).isTrue();
            }
        });
    }

    @Test
    void browseAndEditRunOnTheJLineTerminalAsInProduction() throws Exception {
        try (ViewFixture store = new ViewFixture(dir)) {
            String fingerprint = store.add("Debian 12 amd64", "debian", "12", 0, "debian");
            store.add("Ubuntu 24.04 LTS", "ubuntu", "24.04", 0, "ubuntu");
            String before = describe(jline.getAttributes());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread view = new Thread(() -> {
                try {
                    Views.run(jline, full -> new BrowseView(full, store.engine.images(),
                            store.engine.events()::latest, List.of(), null).run());
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            view.start();
            awaitScreen("Enter info");
            typeBytes("/deb");
            awaitScreen("1 of 2 images");
            typeBytes("\r");
            typeBytes("e");
            awaitScreen("Edit image");
            typeBytes("\u001b[B\u001b[B\u001b[F (edited)\u0013"); // down, down, end, text, Ctrl-S
            awaitScreen("updated");
            typeBytes("\u0003"); // Ctrl-C leaves
            view.join(5000);
            assertThat(view.isAlive()).isFalse();
            assertThat(failure.get()).isNull();
            Image edited = store.image(fingerprint);
            assertThat(edited.properties()).containsEntry("description", "Debian 12 amd64 (edited)");
            assertThat(describe(jline.getAttributes())).isEqualTo(before);
            assertThat(interrupts).hasValue(0);
            String all = screen.toString(StandardCharsets.UTF_8);
            assertThat(all).endsWith("\u001b[?1049l").doesNotContain("\u0000");
        }
    }

    /**
     * Waits until the terminal output shows {@code text}. Lanterna moves the cursor over blanks instead of writing
     * them, so escape sequences and blanks are left out of the comparison.
     */
    private void awaitScreen(String text) {
        String wanted = text.replace(" ", "");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (!shown().contains(wanted)) {
                Thread.sleep(10);
            }
        }, () -> "never showed " + text + ": " + shown());
    }

    private String shown() {
        return screen.toString(StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "")
                .replaceAll("\\s", "");
    }
}
