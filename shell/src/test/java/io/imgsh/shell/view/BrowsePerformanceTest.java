package io.imgsh.shell.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import io.imgsh.engine.image.Image;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jline.terminal.Size;
import org.jline.terminal.impl.LineDisciplineTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser with 10,000 images (system property {@code imgsh.browse.images} to change it), in a store built through
 * the engine with real imports: the time to open, and per key (PgDn, a filter keystroke, a sort change), on the
 * virtual terminal and through the JLine adapter with its ANSI output. It prints the figures ({@code BROWSE-PERF}).
 */
class BrowsePerformanceTest {
    private static final int IMAGES = Integer.getInteger("imgsh.browse.images", 10_000);
    private static final int COLUMNS = 160;
    private static final int ROWS = 50;

    @TempDir
    static Path dir;

    static ViewFixture store;
    static long buildMillis;

    @BeforeAll
    static void manyImages() {
        store = new ViewFixture(dir);
        long start = System.nanoTime();
        for (int i = 0; i < IMAGES; i++) {
            String n = String.format(Locale.ROOT, "%05d", i);
            String os = List.of("debian", "ubuntu", "alpine", "fedora").get(i % 4);
            if (i % 2 == 0) {
                store.add("Image " + n, os, Integer.toString(i % 37), 0, "img-" + n);
            } else {
                store.add("Image " + n, os, Integer.toString(i % 37), 0);
            }
        }
        buildMillis = (System.nanoTime() - start) / 1_000_000;
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static String stats(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        long sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return String.format(Locale.ROOT, "n=%d median %.2f ms, mean %.2f ms, p95 %.2f ms, max %.2f ms", sorted.size(),
                millis(sorted.get(sorted.size() / 2)), millis(sum / sorted.size()),
                millis(sorted.get((int) (sorted.size() * 0.95))), millis(sorted.get(sorted.size() - 1)));
    }

    @Test
    void tenThousandImagesOpenQuicklyAndScrollSmoothly() {
        AtomicInteger reads = new AtomicInteger();
        Supplier<List<Image>> lister = () -> {
            reads.incrementAndGet();
            return store.engine.images().list();
        };
        try (ViewTester tester = new ViewTester(COLUMNS, ROWS)) {
            long start = System.nanoTime();
            List<Image> all = store.engine.images().list();
            long listNanos = System.nanoTime() - start;
            assertThat(all).hasSize(IMAGES);

            start = System.nanoTime();
            BrowseView view = new BrowseView(tester.screen, store.engine.images(), store.engine.events()::latest,
                    List.of(), null, lister).open();
            tester.draw();
            long openNanos = System.nanoTime() - start;
            assertThat(tester.row(0)).contains(IMAGES + " images").endsWith("1/" + IMAGES);

            List<Long> pageDown = new ArrayList<>();
            int pages = Math.min(200, (IMAGES - 1) / (ROWS - 3));
            for (int i = 0; i < pages; i++) {
                long t = System.nanoTime();
                tester.press(KeyType.PageDown);
                pageDown.add(System.nanoTime() - t);
            }
            assertThat(tester.row(0)).endsWith((1 + pages * (ROWS - 3)) + "/" + IMAGES);
            List<Long> arrows = new ArrayList<>();
            tester.press(KeyType.Home);
            for (int i = 0; i < 200; i++) {
                long t = System.nanoTime();
                tester.press(KeyType.ArrowDown);
                arrows.add(System.nanoTime() - t);
            }
            long t = System.nanoTime();
            tester.press(KeyType.End);
            long endNanos = System.nanoTime() - t;
            assertThat(tester.row(0)).endsWith(IMAGES + "/" + IMAGES);

            List<Long> filterKeys = new ArrayList<>();
            tester.press(KeyType.Home).type("/");
            for (char c : "img-0999".toCharArray()) {
                t = System.nanoTime();
                tester.type(String.valueOf(c));
                filterKeys.add(System.nanoTime() - t);
            }
            assertThat(view.model().shown()).hasSize(5); // img-09990, -92, -94, -96, -98
            for (char c : " os=deb.*".toCharArray()) {
                t = System.nanoTime();
                tester.type(String.valueOf(c));
                filterKeys.add(System.nanoTime() - t);
            }
            assertThat(view.model().shown()).hasSize(IMAGES >= 10_000 ? 2 : 0); // 09992, 09996
            tester.press(KeyType.Escape);
            assertThat(view.model().shown()).hasSize(IMAGES);

            List<Long> sorts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                t = System.nanoTime();
                tester.type("s");
                sorts.add(System.nanoTime() - t);
            }
            List<Long> sortsAgain = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                t = System.nanoTime();
                tester.type("s");
                sortsAgain.add(System.nanoTime() - t);
            }
            assertThat(reads).as("the store is read once, at open").hasValue(1);

            System.out.printf(Locale.ROOT, "BROWSE-PERF %d images: store built by %d imports in %.1f s%n", IMAGES,
                    IMAGES, buildMillis / 1000.0);
            System.out.printf(Locale.ROOT, "BROWSE-PERF list from the store (ImageService.list): %.1f ms%n",
                    millis(listNanos));
            System.out.printf(Locale.ROOT, "BROWSE-PERF open (list + cells + sort + first screen, %dx%d): %.1f ms%n",
                    COLUMNS, ROWS, millis(openNanos));
            System.out.println("BROWSE-PERF PgDn (virtual terminal): " + stats(pageDown));
            System.out.println("BROWSE-PERF Down (virtual terminal): " + stats(arrows));
            System.out.printf(Locale.ROOT, "BROWSE-PERF End: %.2f ms%n", millis(endNanos));
            System.out.println("BROWSE-PERF filter keystroke over all images: " + stats(filterKeys));
            System.out.println("BROWSE-PERF sort key, first time per column: " + stats(sorts));
            System.out.println("BROWSE-PERF sort key, order cached: " + stats(sortsAgain));
        }
    }

    @Test
    void pageDownThroughTheJLineAdapterWritesOnlyWhatChanged() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineDisciplineTerminal jline = new LineDisciplineTerminal("perf", "xterm-256color", out,
                StandardCharsets.UTF_8);
        jline.setSize(new Size(COLUMNS, ROWS));
        try (JLineLanternaTerminal terminal = JLineLanternaTerminal.open(jline);
             FullScreen full = FullScreen.start(terminal)) {
            long start = System.nanoTime();
            new BrowseView(full, store.engine.images(), store.engine.events()::latest, List.of(),
                    null).open();
            full.redraw();
            long openNanos = System.nanoTime() - start;
            int openBytes = out.size();
            List<Long> pageDown = new ArrayList<>();
            List<Integer> bytes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int before = out.size();
                long t = System.nanoTime();
                jline.processInputBytes("\u001b[6~".getBytes(StandardCharsets.US_ASCII));
                while (!full.pump()) {
                    terminal.awaitInput(5);
                }
                pageDown.add(System.nanoTime() - t);
                bytes.add(out.size() - before);
            }
            Collections.sort(bytes);
            System.out.printf(Locale.ROOT, "BROWSE-PERF JLine adapter: open %.1f ms, %d bytes for the first screen%n",
                    millis(openNanos), openBytes);
            System.out.println("BROWSE-PERF JLine adapter PgDn, key in to screen out: " + stats(pageDown)
                    + ", median " + bytes.get(bytes.size() / 2) + " bytes written");
            assertThat(bytes.get(bytes.size() / 2)).as("bytes per page").isLessThan(COLUMNS * ROWS * 4);
        } finally {
            jline.close();
        }
    }
}
