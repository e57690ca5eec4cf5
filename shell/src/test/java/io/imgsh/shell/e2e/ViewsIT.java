package io.imgsh.shell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.Engine;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.shell.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-screen views in a real terminal: the built launcher ({@code scripts/imgsh}) in tmux, driven with keys and
 * read back from the screen. Browse (filter, info, back to the prompt) and the editor (a property saved) from the
 * interactive prompt, the same one-shot ({@code imgsh image browse}, {@code imgsh image edit REF}) with the screen
 * restored afterwards, and the time to open and page through 10,000 images.
 */
class ViewsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The prompt as the screen shows it (tmux drops trailing blanks). */
    private static final String PROMPT = "imgsh local>";

    @TempDir
    Path tmp;

    private Path root;
    private Path home;
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        root = Path.of(System.getProperty("imgsh.root", "..")).toAbsolutePath().normalize();
        home = tmp.resolve("home");
        Path user = Files.createDirectories(tmp.resolve("user"));
        env = Map.of("HOME", user.toString(), "XDG_STATE_HOME", user.resolve("state").toString(),
                "XDG_CONFIG_HOME", user.resolve("config").toString(), "LANG", "C.UTF-8", "NO_COLOR", "1",
                "EDITOR", "false", "VISUAL", "false");
    }

    private String launcher() {
        return root.resolve("scripts/imgsh").toString();
    }

    /** Runs {@code scripts/imgsh --home HOME args…} to completion (not in the terminal); its standard output. */
    private String imgsh(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher(), "--home", home.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("imgsh %s: %s", String.join(" ", args), out).isZero();
        return out;
    }

    private String importImage(TestImages files, String name, String description, String release, String alias)
            throws Exception {
        Path file = files.unified(name + ".tar.gz", TestImages.metadata(description, release), Compression.GZIP);
        String out = imgsh("image", "import", file.toString(), "--alias", alias);
        Matcher m = Pattern.compile("fingerprint: ([0-9a-f]{64})").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }

    private void threeImages() throws Exception {
        TestImages files = new TestImages(tmp.resolve("files"));
        importImage(files, "debian", "Debian 12", "12", "debian");
        importImage(files, "ubuntu", "Ubuntu 24.04 LTS", "24.04", "ubuntu");
        importImage(files, "alpine", "Alpine edge", "edge", "alpine");
    }

    private static String firstLine(String screen) {
        return screen.lines().findFirst().orElse("");
    }

    private static String lastLine(String screen) {
        List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Test
    void browseAndEditFromThePrompt() throws Exception {
        threeImages();
        try (Tmux tmux = Tmux.start("imgsh-views", tmp, env, launcher(), "--home", home.toString())) {
            tmux.awaitText(PROMPT, WAIT);
            tmux.type("image browse");
            tmux.send("Enter");
            // (assertions stay in ASCII: how tmux shows the arrows and dots depends on its locale)
            String screen = tmux.awaitText("3 images", WAIT);
            assertThat(screen).contains("sorted by ALIAS", "ALIAS", "FINGERPRINT", "PUBLIC", "DESCRIPTION", "ARCHITECTURE", "TYPE",
                    "SIZE", "UPLOAD DATE", "> alpine", "  debian", "  ubuntu", "Enter info  / filter");
            assertThat(screen).doesNotContain(PROMPT);

            tmux.type("/ubu");
            screen = tmux.awaitText("1 of 3 images", WAIT);
            assertThat(screen).contains("> ubuntu").doesNotContain("debian").contains("/ubu");
            tmux.send("Enter"); // keeps the filter
            tmux.awaitScreen(s -> lastLine(s).startsWith("Enter info"), WAIT);
            tmux.send("Enter"); // info
            screen = tmux.awaitText("Properties:", WAIT);
            assertThat(screen).contains(" Image ", "(ubuntu)", "Architecture: x86_64", "description: Ubuntu 24.04 LTS",
                    "Aliases:", "    - ubuntu", "Auto update: disabled");
            tmux.type("q");
            tmux.awaitText("1 of 3 images", WAIT);
            tmux.type("q");
            screen = tmux.awaitScreen(s -> lastLine(s).equals(PROMPT), WAIT); // a new prompt
            assertThat(screen).contains(PROMPT + " image browse").doesNotContain("sorted by");

            tmux.type("image edit ubuntu");
            tmux.send("Enter");
            screen = tmux.awaitText("Ctrl-S save", WAIT);
            assertThat(screen).contains("Edit image", "Fingerprint:", "Architecture: x86_64", "Created:",
                    "properties:", "  description: Ubuntu 24.04 LTS");
            tmux.send("Down", "Down", "End", "Enter");
            tmux.type("flavour: from-tmux");
            tmux.awaitText("  flavour: from-tmux", WAIT);
            tmux.send("C-s");
            tmux.awaitScreen(s -> lastLine(s).equals(PROMPT), WAIT);
            tmux.type("image get-property ubuntu flavour");
            tmux.send("Enter");
            tmux.awaitScreen(s -> s.contains("\nfrom-tmux\n"), WAIT);

            tmux.type("exit");
            tmux.send("Enter");
            tmux.awaitScreen(s -> tmux.exited(), WAIT);
        }
        assertThat(imgsh("image", "get-property", "ubuntu", "flavour")).isEqualTo("from-tmux\n");
    }

    @Test
    void oneShotBrowseAndEditRestoreTheScreen() throws Exception {
        threeImages();
        String script = "echo BEFORE; " + quote(launcher()) + " --home " + quote(home.toString())
                + " image browse os=imgshtest; echo BROWSE=$?; " + quote(launcher()) + " --home "
                + quote(home.toString()) + " image edit alpine; echo EDIT=$?; sleep 60";
        try (Tmux tmux = Tmux.start("imgsh-oneshot", tmp, env, "bash", "--norc", "-c", script)) {
            String screen = tmux.awaitText("3 of 3 images", WAIT);
            assertThat(screen).doesNotContain("BEFORE").contains("filter: os=imgshtest");
            tmux.send("End");
            tmux.awaitText("3/3", WAIT);
            resize("imgsh-oneshot", 80, 20);
            // (tmux cuts the old lines at 80 columns at once; the redrawn title ends with the position again)
            // the key hints stay whole, in fewer words
            screen = tmux.awaitScreen(s -> firstLine(s).endsWith("3/3") && firstLine(s).length() < 80
                    && lastLine(s).equals("Enter info / filter s/S sort e edit a alias d delete x export r reload q quit"),
                    WAIT);
            assertThat(screen.lines().toList()).as("re-laid for 80x20").hasSize(20);
            assertThat(screen.lines().toList().get(0)).endsWith("filter: os=imgshtest   3/3");
            assertThat(screen).contains("> ubuntu  ").contains("Ubuntu 24.").doesNotContain("Ubuntu 24.04 LTS");
            resize("imgsh-oneshot", Tmux.COLUMNS, Tmux.ROWS);
            tmux.awaitScreen(s -> lastLine(s).endsWith("r reload  q quit"), WAIT);
            tmux.send("C-c"); // leaves, never kills
            screen = tmux.awaitText("Ctrl-S save", WAIT);
            assertThat(screen).contains("Edit image").doesNotContain("BEFORE");
            tmux.send("Down", "Down", "End");
            tmux.type(" (edited)");
            tmux.awaitText("Alpine edge (edited)", WAIT);
            tmux.send("C-s");
            screen = tmux.awaitText("EDIT=", WAIT);
            assertThat(screen.lines().filter(l -> !l.isBlank()).toList())
                    .as("the alternate screen is left: the shell's lines are back")
                    .containsExactly("BEFORE", "BROWSE=0", "EDIT=0");
        }
        assertThat(imgsh("image", "get-property", "alpine", "description")).isEqualTo("Alpine edge (edited)\n");
    }

    @Test
    void tenThousandImagesInARealTerminal() throws Exception {
        int count = Integer.getInteger("imgsh.browse.images", 10_000);
        long built = System.nanoTime();
        try (Engine engine = Engine.open(home, Clock.systemUTC())) {
            Path file = tmp.resolve("image.tar");
            for (int i = 0; i < count; i++) {
                String n = String.format(Locale.ROOT, "%05d", i);
                Files.write(file, TestImages.unifiedTar(TestImages.metadata("Image " + n, n)).tar());
                engine.images().importImage(new ImportRequest(file, null, i % 2 == 0 ? List.of("img-" + n)
                        : List.of(), false, Map.of()));
            }
        }
        long buildMillis = (System.nanoTime() - built) / 1_000_000;

        imgsh("--version"); // a fresh build trains the launcher's class-data archive on first use: not timed
        String script = quote(launcher()) + " --home " + quote(home.toString()) + " image browse; sleep 60";
        long start = System.nanoTime();
        try (Tmux tmux = Tmux.start("imgsh-10k", tmp, env, "bash", "--norc", "-c", script)) {
            tmux.awaitText(count + " images", Duration.ofSeconds(60));
            tmux.awaitText("1/" + count, WAIT);
            long openMillis = (System.nanoTime() - start) / 1_000_000;
            int rows = Tmux.ROWS - 3;
            List<Long> pages = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                long t = System.nanoTime();
                tmux.send("PageDown");
                String position = (1 + i * rows) + "/" + count;
                // polled without pauses: the resolution is one capture-pane (a few ms)
                while (!tmux.screen().lines().findFirst().orElse("").endsWith(position)) {
                    assertThat(System.nanoTime() - t).as("PgDn never showed " + position)
                            .isLessThan(WAIT.toNanos());
                }
                pages.add((System.nanoTime() - t) / 1_000_000);
            }
            long t = System.nanoTime();
            tmux.type("/img-0999");
            tmux.awaitText("5 of " + count + " images", WAIT);
            long filterMillis = (System.nanoTime() - t) / 1_000_000;
            tmux.send("Escape"); // alone: ESC and q at once would read as Alt+q
            tmux.awaitScreen(s -> lastLine(s).startsWith("Enter info"), WAIT);
            tmux.type("q");
            tmux.awaitScreen(s -> !s.contains("sorted by"), WAIT);
            Collections.sort(pages);
            System.out.printf(Locale.ROOT, "VIEWS-IT %d images (store built in-process in %.1f s): launcher to first "
                    + "screen %d ms (JVM start included); PgDn key to screen via tmux: median %d ms, max %d ms "
                    + "(one capture-pane per poll); typing an 8-character filter: %d ms (50 ms polls)%n", count, buildMillis / 1000.0,
                    openMillis, pages.get(pages.size() / 2), pages.get(pages.size() - 1), filterMillis);
        }
    }

    /** Resizes the window of the tmux session this test started as {@code name} (one at a time per test). */
    private static void resize(String name, int columns, int rows) throws Exception {
        Process list = new ProcessBuilder("tmux", "list-sessions", "-F", "#{session_name}").start();
        String prefix = name + "-" + ProcessHandle.current().pid() + "-";
        String session = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        Process resize = new ProcessBuilder("tmux", "resize-window", "-t", session, "-x", String.valueOf(columns),
                "-y", String.valueOf(rows)).redirectErrorStream(true).start();
        String out = new String(resize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(resize.waitFor()).as(out).isZero();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
