package io.imgsh.shell.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.shell.session.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress drawn in place, throttled, cleared at the end; only on a terminal. */
class ProgressDisplayTest {
    private static final long MS = 1_000_000L;
    private static final long MIB = 1L << 20;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final List<String> writes = new ArrayList<>();

    private ProgressDisplay display(int width) {
        return new ProgressDisplay("Importing image", writes::add, now::get, width);
    }

    @Test
    void nothingIsDrawnBeforeTheFirstInterval() {
        ProgressDisplay d = display(80);
        now.addAndGet(50 * MS);
        d.update(10 * MIB, 100 * MIB);
        d.close();
        assertThat(writes).isEmpty();
    }

    @Test
    void redrawsInPlaceAtMostTenTimesASecond() {
        ProgressDisplay d = display(120);
        for (int ms = 1; ms <= 1000; ms++) {
            now.addAndGet(MS);
            d.update(ms * MIB / 10, 200 * MIB);
        }
        assertThat(writes).hasSize(10);
        assertThat(writes).allMatch(w -> w.startsWith("\r") && !w.contains("\u001b") && !w.contains("\n"));
        assertThat(writes.get(0)).isEqualTo("\rImporting image: 5% (10.00MB of 200.00MB, 100.00MB/s, ETA 2s)");
        assertThat(writes.get(9)).isEqualTo("\rImporting image: 50% (100.00MB of 200.00MB, 100.00MB/s, ETA 1s)");
    }

    @Test
    void finishedWorkIsNotDrawn() {
        ProgressDisplay d = display(120);
        now.addAndGet(500 * MS);
        d.update(MIB, MIB);
        d.close();
        assertThat(writes).isEmpty();
    }

    @Test
    void closingClearsTheLineForTheResultMessage() {
        ProgressDisplay d = display(120);
        now.addAndGet(200 * MS);
        d.update(MIB, 4 * MIB);
        String drawn = writes.get(0);
        d.close();
        assertThat(writes).hasSize(2);
        assertThat(writes.get(1)).matches("\r {" + (drawn.length() - 1 + 2) + "}\r");
        d.close();
        assertThat(writes).hasSize(2);
    }

    @Test
    void aShorterLineBlanksWhatTheLongerOneLeft() {
        ProgressDisplay d = display(120);
        now.addAndGet(100 * MS);
        d.update(1000 * MIB, -1);
        now.addAndGet(100_000 * MS);
        d.update(1001 * MIB, -1);
        assertThat(writes.get(0)).isEqualTo("\rImporting image: 1000.00MB (10000.00MB/s)");
        assertThat(writes.get(1)).isEqualTo("\rImporting image: 1001.00MB (0.01MB/s)    ");
        assertThat(writes.get(1).length()).isEqualTo(writes.get(0).length());
    }

    @Test
    void theLineIsCutToTheTerminalWidth() {
        ProgressDisplay d = display(30);
        now.addAndGet(100 * MS);
        d.update(MIB, 2 * MIB);
        assertThat(writes.get(0)).hasSize(1 + 29).startsWith("\rImporting image: 50% (1.00MB");
    }

    @Test
    void aStageRenamesTheLine() {
        ProgressDisplay d = display(120);
        now.addAndGet(100 * MS);
        d.update("Downloading rootfs", MIB, 2 * MIB);
        assertThat(writes.get(0)).startsWith("\rDownloading rootfs: 50%");
    }

    @Test
    void aStalledTransferShowsItsRateDecayingAndHowLongItHasStalled() {
        ProgressDisplay d = display(120);
        now.addAndGet(100 * MS);
        d.update(10 * MIB, 100 * MIB);
        assertThat(writes.get(0)).isEqualTo("\rImporting image: 10% (10.00MB of 100.00MB, 100.00MB/s, ETA 1s)");
        now.addAndGet(1_000 * MS);
        d.tick();
        assertThat(writes).as("one second without bytes is not yet a stall").hasSize(1);
        now.addAndGet(2_000 * MS);
        d.tick();
        // 3 s of nothing: 100 MB/s decays by e^(-3/5); 10 s more, by e^(-10/5)
        assertThat(writes.get(1)).isEqualTo("\rImporting image: 10% (10.00MB of 100.00MB, 54.88MB/s, stalled 3s)");
        now.addAndGet(10_000 * MS);
        d.tick();
        assertThat(writes.get(2)).startsWith("\rImporting image: 10% (10.00MB of 100.00MB, 7.43MB/s, stalled 13s)");
        now.addAndGet(1_000 * MS);
        d.update(11 * MIB, 100 * MIB);
        assertThat(writes.get(3)).contains("ETA").doesNotContain("stalled");
        d.close();
        d.tick();
        assertThat(writes).as("nothing after the line is cleared").hasSize(5);
    }

    @Test
    void lineText() {
        assertThat(ProgressLine.format("Exporting image", 0, 10 * MIB, 0, 0))
                .isEqualTo("Exporting image: 0% (0.00MB of 10.00MB)");
        assertThat(ProgressLine.format("Importing image", 0, -1, 0, 0)).isEqualTo("Importing image: 0.00MB (starting)");
        assertThat(ProgressLine.format("Importing image", 3 * MIB, 600 * MIB, 3 * MIB, 0))
                .isEqualTo("Importing image: 0% (3.00MB of 600.00MB, 3.00MB/s, ETA 3m19s)");
        assertThat(ProgressLine.format("Downloading", 3 * MIB, 600 * MIB, MIB / 2.0, 75))
                .isEqualTo("Downloading: 0% (3.00MB of 600.00MB, 0.50MB/s, stalled 1m15s)");
        assertThat(ProgressLine.format("Downloading", 3 * MIB, -1, MIB / 2.0, 12))
                .isEqualTo("Downloading: 3.00MB (0.50MB/s, stalled 12s)");
        assertThat(ProgressLine.duration(59)).isEqualTo("59s");
        assertThat(ProgressLine.duration(125)).isEqualTo("2m05s");
        assertThat(ProgressLine.duration(3720)).isEqualTo("1h02m");
    }

    // ---- where a command's progress goes

    @TempDir
    Path dir;

    private Session session(ByteArrayOutputStream err, boolean quiet) {
        Session s = new Session(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("TERM", "xterm"), Clock.systemUTC(), false);
        s.configure(dir, quiet, false);
        return s;
    }

    @Test
    void silentWithoutATerminalSoCapturedStreamsNeverSeeIt() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Session s = session(err, false)) {
            // a test JVM's standard error is a pipe, and no terminal is attached
            assertThat(ProgressDisplay.forCommand(s, "Importing image").silent()).isTrue();
        }
    }

    @Test
    void onTheAttachedTerminalUnlessItIsDumbOrQuiet() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Session s = session(new ByteArrayOutputStream(), false);
             DumbTerminal xterm = new DumbTerminal("t", "xterm-256color", new ByteArrayInputStream(new byte[0]),
                     screen, StandardCharsets.UTF_8);
             DumbTerminal dumb = new DumbTerminal("t", "dumb", new ByteArrayInputStream(new byte[0]), screen,
                     StandardCharsets.UTF_8)) {
            s.attach(xterm);
            assertThat(ProgressDisplay.forCommand(s, "Importing image").silent()).isFalse();
            s.attach(dumb);
            assertThat(ProgressDisplay.forCommand(s, "Importing image").silent()).isTrue();
        }
        try (Session s = session(new ByteArrayOutputStream(), true);
             DumbTerminal xterm = new DumbTerminal("t", "xterm-256color", new ByteArrayInputStream(new byte[0]),
                     screen, StandardCharsets.UTF_8)) {
            s.attach(xterm);
            assertThat(ProgressDisplay.forCommand(s, "Importing image").silent()).isTrue();
        }
    }
}
