package io.imgsh.shell.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.input.KeyType;
import io.imgsh.engine.Engine;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.shell.render.ImageInfoText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code image browse} on a virtual terminal over a real store: golden screens after simulated keys. */
class BrowseViewTest {
    static final String DEBIAN = "c45f2176ccdb6919c8cd6d323fe878d8f95118168a91bea0197ca61dacb33e92";
    static final String UBUNTU = "b1476fa37154cccd8ea4d6b06541f329f06ebd395a95d51e55706634f2633ff1";
    static final String ALPINE = "eb79745b5198b8b74220951cf8731eecf37ee751fa1226bfb167eebf62c1abb2";

    static final String OPENED = """
             imgsh · local · 3 images · sorted by ALIAS ▲                                                                       1/3
              ALIAS▲           FINGERPRINT   PUBLIC  DESCRIPTION       ARCHITECTURE  TYPE       SIZE    UPLOAD DATE
            > debian (1 more)  c45f2176ccdb  no      Debian 12 amd64   x86_64        CONTAINER  0.00MB  Nov 27, 2026 at 2:23am (UTC)
              ubuntu/24.04     b1476fa37154  no      Ubuntu 24.04 LTS  x86_64        CONTAINER  0.10MB  Nov 27, 2026 at 2:24am (UTC)
                               eb79745b5198  no      Alpine edge       x86_64        CONTAINER  1.91MB  Nov 27, 2026 at 2:25am (UTC)



            Enter info  / filter  s sort  S reverse  e edit  a alias  d delete  x export  r reload  q quit
            """;

    @TempDir
    Path dir;

    ViewFixture store;
    ViewTester tester;
    BrowseView view;
    final AtomicInteger reads = new AtomicInteger();

    @BeforeEach
    void threeImages() {
        store = new ViewFixture(dir);
        assertThat(store.add("Debian 12 amd64", "debian", "12", 0, "debian/12", "debian")).isEqualTo(DEBIAN);
        assertThat(store.add("Ubuntu 24.04 LTS", "ubuntu", "24.04", 100_000, "ubuntu/24.04")).isEqualTo(UBUNTU);
        assertThat(store.add("Alpine edge", "alpine", "edge", 2_000_000)).isEqualTo(ALPINE);
    }

    @AfterEach
    void close() {
        if (tester != null) {
            tester.close();
        }
        store.close();
    }

    private BrowseView open(int columns, int rows, String... filters) {
        tester = new ViewTester(columns, rows);
        view = new BrowseView(tester.screen, store.engine.images(), store.engine.events()::latest,
                List.of(filters), dir.resolve("user").toString(), () -> {
                    reads.incrementAndGet();
                    return store.engine.images().list();
                }).open();
        tester.draw();
        return view;
    }

    private List<String> shownFingerprints() {
        return view.model().shown().stream().map(BrowseModel.Row::fingerprint).toList();
    }

    @Test
    void opensWithTheListColumnsInListOrder() {
        open(120, 9);
        assertThat(tester.screen()).isEqualTo(OPENED);
        assertThat(tester.styleAt(0, 0)).contains(SGR.REVERSE);
        assertThat(tester.styleAt(2, 1)).contains(SGR.BOLD);
        assertThat(tester.styleAt(0, 2)).as("the selected row").contains(SGR.REVERSE);
        assertThat(tester.styleAt(0, 3)).doesNotContain(SGR.REVERSE);
        assertThat(reads).hasValue(1);
    }

    @Test
    void filtersAsYouTypeWithTheListRules() {
        open(120, 9);
        tester.type("/u");
        assertThat(tester.screen()).isEqualTo("""
                 imgsh · local · 1 of 3 images · sorted by ALIAS ▲ · filter: u                                                      1/1
                  ALIAS▲           FINGERPRINT   PUBLIC  DESCRIPTION       ARCHITECTURE  TYPE       SIZE    UPLOAD DATE
                > ubuntu/24.04     b1476fa37154  no      Ubuntu 24.04 LTS  x86_64        CONTAINER  0.10MB  Nov 27, 2026 at 2:24am (UTC)





                /u
                """);
        tester.type("bux");
        assertThat(tester.screen()).isEqualTo("""
                 imgsh · local · 0 of 3 images · sorted by ALIAS ▲ · filter: ubux
                  ALIAS▲           FINGERPRINT   PUBLIC  DESCRIPTION       ARCHITECTURE  TYPE       SIZE    UPLOAD DATE
                  No image matches the filter (Esc clears it)





                /ubux
                """);
        tester.press(KeyType.Backspace);
        assertThat(tester.row(0)).contains("1 of 3 images", "filter: ubu");
        tester.press(KeyType.Enter); // keeps the filter
        assertThat(tester.row(8)).isEqualTo(BrowseView.HELP);
        assertThat(tester.row(0)).contains("filter: ubu");
        assertThat(shownFingerprints()).containsExactly(UBUNTU);

        tester.type("/");
        assertThat(tester.row(8)).isEqualTo("/ubu");
        tester.press(KeyType.Escape); // clears it
        assertThat(tester.screen()).isEqualTo(OPENED.replace("> debian", "  debian").replace("  ubuntu/24.04 ",
                "> ubuntu/24.04 ").replace("1/3", "2/3"));
        assertThat(reads).as("filtering never reads the store").hasValue(1);
    }

    @Test
    void filterMatchesExactlyWhatImageListMatches() {
        open(120, 9);
        for (String filter : List.of("d", "deb", "c45f", "os=deb", "os=deb.*", "os=debian", "rel=2.*",
                "architecture=x86_64", "public=false", "public=true", "deb os=debian", "description=.*LTS",
                "desc=Alpine edge", "u ubuntu/2", "size=" + store.image(UBUNTU).size(), "local:ub", "local:u")) {
            tester.type("/");
            tester.ctrl('u');
            tester.type(filter.contains(" ") && filter.startsWith("desc") ? "'" + filter + "'" : filter);
            tester.press(KeyType.Enter);
            List<String> words = filter.startsWith("desc") ? List.of(filter)
                    : BrowseModel.filtersOn("local", List.of(filter.split(" ")));
            List<String> expected = new ArrayList<>(store.engine.images().list(words).stream()
                    .map(Image::fingerprint).toList());
            assertThat(shownFingerprints()).as("filter %s", filter).containsExactlyInAnyOrderElementsOf(expected);
        }
        tester.type("/");
        tester.ctrl('u');
        tester.type("other:x");
        assertThat(tester.row(0)).doesNotContain("other:x");
        tester.press(KeyType.Enter);
        assertThat(tester.row(8)).isEqualTo("Error: The browser shows local: images: \"other:\" cannot be "
                + "filtered here");
        assertThat(tester.row(0)).as("the last valid filter stays").endsWith("0 of 3 images · sorted by ALIAS ▲ · "
                + "filter: other");
    }

    @Test
    void commandLineFiltersApply() {
        open(120, 9, "os=ubuntu");
        assertThat(shownFingerprints()).containsExactly(UBUNTU);
        assertThat(tester.row(0)).contains("1 of 3 images · sorted by ALIAS ▲ · filter: os=ubuntu");
        assertThatThrownBy(() -> BrowseModel.filtersOn("local", List.of("images:ubuntu")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(BrowseModel.filtersOn("local", List.of("local:ubuntu", "os=x"))).containsExactly("ubuntu", "os=x");
        assertThat(BrowseModel.filtersOn("local", List.of("local:", "os=x"))).containsExactly("os=x");
        assertThat(BrowseModel.filtersOn("local", List.of("os=a:b"))).containsExactly("os=a:b");
    }

    @Test
    void commandLineFiltersAreNotParsedForARemoteTwice() {
        // `image browse local: x:y`: the command took the remote off; "x:y" is then a word filter
        open(120, 9, "x:y");
        assertThat(shownFingerprints()).isEmpty();
        assertThat(tester.row(0)).contains("0 of 3 images");
        assertThat(tester.screen()).doesNotContain("Error");
    }

    @Test
    void sortKeyCyclesTheColumnsAndShowsWhich() {
        open(120, 9);
        tester.type("s");
        assertThat(tester.screen()).isEqualTo("""
                 imgsh · local · 3 images · sorted by FINGERPRINT ▲                                                                 2/3
                  ALIAS            FINGERPRINT▲  PUBLIC  DESCRIPTION       ARCHITECTURE  TYPE       SIZE    UPLOAD DATE
                  ubuntu/24.04     b1476fa37154  no      Ubuntu 24.04 LTS  x86_64        CONTAINER  0.10MB  Nov 27, 2026 at 2:24am (UTC)
                > debian (1 more)  c45f2176ccdb  no      Debian 12 amd64   x86_64        CONTAINER  0.00MB  Nov 27, 2026 at 2:23am (UTC)
                                   eb79745b5198  no      Alpine edge       x86_64        CONTAINER  1.91MB  Nov 27, 2026 at 2:25am (UTC)



                Enter info  / filter  s sort  S reverse  e edit  a alias  d delete  x export  r reload  q quit
                """);
        tester.type("ss");
        assertThat(tester.row(1)).contains("DESCRIPTION▲");
        assertThat(shownFingerprints()).containsExactly(ALPINE, DEBIAN, UBUNTU);
        tester.type("sss");
        assertThat(tester.row(0)).contains("sorted by SIZE ▲");
        assertThat(shownFingerprints()).containsExactly(DEBIAN, UBUNTU, ALPINE);
        tester.type("S");
        assertThat(tester.screen()).isEqualTo("""
                 imgsh · local · 3 images · sorted by SIZE ▼                                                                        3/3
                  ALIAS            FINGERPRINT   PUBLIC  DESCRIPTION       ARCHITECTURE  TYPE       SIZE▼   UPLOAD DATE
                                   eb79745b5198  no      Alpine edge       x86_64        CONTAINER  1.91MB  Nov 27, 2026 at 2:25am (UTC)
                  ubuntu/24.04     b1476fa37154  no      Ubuntu 24.04 LTS  x86_64        CONTAINER  0.10MB  Nov 27, 2026 at 2:24am (UTC)
                > debian (1 more)  c45f2176ccdb  no      Debian 12 amd64   x86_64        CONTAINER  0.00MB  Nov 27, 2026 at 2:23am (UTC)



                Enter info  / filter  s sort  S reverse  e edit  a alias  d delete  x export  r reload  q quit
                """);
        tester.type("s");
        assertThat(tester.row(1)).contains("UPLOAD DATE▲");
        assertThat(shownFingerprints()).containsExactly(DEBIAN, UBUNTU, ALPINE);
        tester.type("s");
        assertThat(tester.screen()).as("back to the list order").isEqualTo(OPENED);
        assertThat(reads).hasValue(1);
    }

    @Test
    void arrowsPagesHomeAndEndMoveAndScroll() {
        for (int i = 1; i <= 27; i++) {
            store.add("Image " + i, "img-" + (i < 10 ? "0" : "") + i);
        }
        open(120, 10); // 7 rows of images
        assertThat(tester.row(0)).endsWith("1/30");
        tester.press(KeyType.ArrowDown, KeyType.ArrowDown);
        assertThat(tester.row(0)).endsWith("3/30");
        assertThat(tester.row(4)).startsWith("> img-02 ");
        tester.press(KeyType.PageDown); // a page further, the selection as far down the page as it was
        assertThat(tester.row(0)).endsWith("10/30");
        assertThat(tester.row(2)).startsWith("  img-07 ");
        assertThat(tester.row(4)).startsWith("> img-09 ");
        tester.press(KeyType.End);
        assertThat(tester.row(0)).endsWith("30/30");
        assertThat(tester.row(8)).contains("Alpine edge").startsWith("> ");
        tester.press(KeyType.PageUp);
        assertThat(tester.row(0)).endsWith("23/30");
        tester.press(KeyType.Home);
        assertThat(tester.row(0)).endsWith("1/30");
        assertThat(tester.row(2)).startsWith("> debian (1 more) ");
        tester.type("jjjk");
        assertThat(tester.row(0)).endsWith("3/30");
        tester.type("G");
        assertThat(tester.row(0)).endsWith("30/30");
        tester.type("g");
        assertThat(tester.row(0)).endsWith("1/30");
        tester.press(KeyType.ArrowUp);
        assertThat(tester.row(0)).endsWith("1/30");
        assertThat(reads).hasValue(1);
    }

    @Test
    void enterShowsEverythingImageInfoShows() {
        open(120, 26);
        tester.press(KeyType.ArrowDown, KeyType.Enter);
        Image ubuntu = store.image(UBUNTU);
        List<String> info = ImageInfoText.of(ubuntu).lines().toList();
        List<String> rows = List.of(tester.screen().split("\n"));
        assertThat(rows.get(0)).isEqualTo(" Image b1476fa37154 (ubuntu/24.04)");
        assertThat(rows.subList(1, 1 + info.size())).isEqualTo(info.stream().map(l -> " " + l).toList());
        assertThat(rows.get(25)).isEqualTo(InfoPane.HELP);
        assertThat(tester.screen()).contains("""
                 Properties:
                     description: Ubuntu 24.04 LTS
                     os: ubuntu
                     release: 24.04
                 Aliases:
                     - ubuntu/24.04
                """);
        tester.type("q");
        assertThat(tester.row(0)).startsWith(" imgsh · local · 3 images");
        assertThat(tester.row(3)).startsWith("> ubuntu/24.04");
        tester.press(KeyType.Enter).press(KeyType.Escape);
        assertThat(tester.row(0)).startsWith(" imgsh · local · 3 images");
    }

    @Test
    void editFromTheInfoPaneAndCtrlLRepaints() {
        open(120, 26);
        tester.press(KeyType.Enter).type("e");
        assertThat(tester.row(0)).isEqualTo(" Edit image c45f2176ccdb (debian)");
        tester.press(KeyType.Escape);
        assertThat(tester.row(0)).as("back to the list").startsWith(" imgsh · local · 3 images");
        String before = tester.screen();
        tester.ctrl('l');
        assertThat(tester.screen()).isEqualTo(before);
        assertThat(reads).hasValue(1);
    }

    @Test
    void infoPaneScrollsWhenTheScreenIsShort() {
        open(60, 8);
        tester.press(KeyType.Enter);
        assertThat(tester.screen()).isEqualTo("""
                 Image c45f2176ccdb (debian)
                 Fingerprint: c45f2176ccdb6919c8cd6d323fe878d8f95118168a91be
                   a0197ca61dacb33e92
                 Size: 0.00MB
                 Architecture: x86_64
                 Type: container
                 Public: no
                Up/Down PgUp/PgDn scroll  e edit  q back  (1-6 of 22)
                """);
        tester.press(KeyType.PageDown);
        assertThat(tester.row(7)).endsWith("(7-12 of 22)");
        tester.press(KeyType.End);
        assertThat(tester.row(6)).isEqualTo("     - default");
        assertThat(tester.row(7)).endsWith("(17-22 of 22)");
    }

    @Test
    void deleteAsksFirstThenTheImageIsGone() {
        open(120, 9);
        tester.type("d");
        assertThat(tester.row(8)).isEqualTo("Delete image c45f2176ccdb (debian)? (y/N)");
        tester.type("n");
        assertThat(tester.row(8)).isEqualTo("Cancelled");
        assertThat(store.engine.images().list()).hasSize(3);

        tester.type("dy");
        assertThat(store.engine.images().list()).extracting(Image::fingerprint).containsExactly(UBUNTU, ALPINE);
        assertThat(store.engine.images().aliases(List.of())).extracting(AliasEntry::name).containsExactly("ubuntu/24.04");
        assertThat(tester.screen()).isEqualTo("""
                 imgsh · local · 2 images · sorted by ALIAS ▲                                                                       1/2
                  ALIAS▲        FINGERPRINT   PUBLIC  DESCRIPTION       ARCHITECTURE  TYPE       SIZE    UPLOAD DATE
                > ubuntu/24.04  b1476fa37154  no      Ubuntu 24.04 LTS  x86_64        CONTAINER  0.10MB  Nov 27, 2026 at 2:24am (UTC)
                                eb79745b5198  no      Alpine edge       x86_64        CONTAINER  1.91MB  Nov 27, 2026 at 2:25am (UTC)




                Image c45f2176ccdb deleted
                """);
        assertThat(reads).as("read again after the deletion only").hasValue(2);
        tester.type("x");
        assertThat(tester.row(8)).isEqualTo("Export b1476fa37154 (ubuntu/24.04) to (empty: current directory):");
        tester.press(KeyType.Escape);
        assertThat(tester.row(8)).isEqualTo("Cancelled");
    }

    @Test
    void changesMadeByAnotherProcessShowWithoutReloading() {
        open(120, 9);
        view.reloadIfChanged();
        assertThat(reads).as("nothing changed: nothing read").hasValue(1);
        // another engine on the same store, as another prompt, a script or a server would be
        try (Engine other = Engine.open(store.engine.home(), Clock.systemUTC())) {
            other.images().delete(DEBIAN);
            other.images().createAlias("alpine", ALPINE, "");
        }
        view.reloadIfChanged();
        tester.draw();
        assertThat(reads).hasValue(2);
        assertThat(tester.row(0)).contains("2 images");
        assertThat(shownFingerprints()).containsExactly(ALPINE, UBUNTU);
        assertThat(tester.row(2)).startsWith("> alpine ");
        view.reloadIfChanged();
        assertThat(reads).hasValue(2);
    }

    @Test
    void anImageDeletedMeanwhileDisappearsInsteadOfFailing() {
        open(120, 9);
        try (Engine other = Engine.open(store.engine.home(), Clock.systemUTC())) {
            other.images().delete(DEBIAN);
        }
        tester.press(KeyType.Enter); // info of the selected image, deleted since the last look
        assertThat(tester.row(8)).isEqualTo("That image was deleted meanwhile");
        assertThat(shownFingerprints()).containsExactly(UBUNTU, ALPINE);
        assertThat(tester.row(0)).contains("2 images");
    }

    @Test
    void aliasAddPromptsForTheName() {
        open(120, 9);
        tester.press(KeyType.End).type("a");
        assertThat(tester.row(8)).isEqualTo("New alias for eb79745b5198:");
        tester.type("alpine/edge");
        assertThat(tester.row(8)).isEqualTo("New alias for eb79745b5198: alpine/edge");
        tester.press(KeyType.Enter);
        assertThat(tester.row(8)).isEqualTo("Alias alpine/edge created for eb79745b5198");
        assertThat(store.engine.images().resolve("alpine/edge").fingerprint()).isEqualTo(ALPINE);
        assertThat(tester.screen()).contains("""
                  ALIAS▲           FINGERPRINT   PUBLIC  DESCRIPTION       ARCHITECTURE  TYPE       SIZE    UPLOAD DATE
                > alpine/edge      eb79745b5198  no      Alpine edge       x86_64        CONTAINER  1.91MB  Nov 27, 2026 at 2:25am (UTC)
                  debian (1 more)  c45f2176ccdb  no      Debian 12 amd64   x86_64        CONTAINER  0.00MB  Nov 27, 2026 at 2:23am (UTC)
                """);

        tester.type("a").type("debian").press(KeyType.Enter);
        assertThat(tester.row(8)).isEqualTo("Error: Alias \"debian\" already exists");
        tester.type("a").type("two words").press(KeyType.Enter);
        assertThat(tester.row(8)).isEqualTo("Error: Alias name \"two words\" must not contain spaces or control "
                + "characters");
        tester.type("a").type("other:x").press(KeyType.Enter);
        assertThat(tester.row(8)).isEqualTo("Error: Alias name \"other:x\" must not contain ':' (it separates the "
                + "remote)");
        tester.type("a").type("local:alpine").press(KeyType.Enter);
        assertThat(tester.row(8)).isEqualTo("Alias alpine created for eb79745b5198");
        assertThat(store.engine.images().aliases(List.of())).extracting(AliasEntry::name)
                .containsExactly("alpine", "alpine/edge", "debian", "debian/12", "ubuntu/24.04");
    }

    @Test
    void exportWritesWhereTheTypedPathSays() throws Exception {
        open(120, 9);
        Path target = Files.createDirectories(dir.resolve("exports"));
        tester.type("x").type(target.resolve("debian").toString()).press(KeyType.Enter);
        Path written = target.resolve("debian.tar");
        assertThat(tester.row(8)).isEqualTo("Image exported successfully: " + written);
        assertThat(io.imgsh.shell.TestImages.sha256(written)).isEqualTo(DEBIAN);

        Files.createDirectories(dir.resolve("user/dl"));
        tester.press(KeyType.ArrowDown).type("x").type("~/dl/").press(KeyType.Enter);
        try (Stream<Path> files = Files.list(dir.resolve("user/dl"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(UBUNTU + ".tar");
        }
        tester.type("x").type(dir.resolve("missing/dir/x").toString()).press(KeyType.Enter);
        assertThat(tester.row(8)).startsWith("Error: ");
    }

    @Test
    void escapeClearsAnAppliedFilterFirstAndSaysSoThenLeaves() {
        open(120, 9);
        tester.type("/ubu").press(KeyType.Enter);
        assertThat(shownFingerprints()).containsExactly(UBUNTU);
        tester.press(KeyType.Escape);
        assertThat(view.window().getTextGUI()).isNotNull();
        assertThat(view.model().filterText()).isEmpty();
        assertThat(tester.row(0)).contains("3 images").doesNotContain("filter:");
        assertThat(tester.row(8)).isEqualTo("Filter cleared; Esc again or q leaves");
        tester.press(KeyType.Escape);
        assertThat(view.window().getTextGUI()).isNull();
    }

    @Test
    void resizingRelaysTheTable() {
        open(120, 9);
        tester.resize(80, 7);
        assertThat(tester.screen()).isEqualTo("""
                 imgsh · local · 3 images · sorted by ALIAS ▲                               1/3
                  ALIAS▲      FINGERPRINT   PUBLIC  DESCRIPTION  ARCHITECTURE  TYPE       SIZE …
                > debian (1…  c45f2176ccdb  no      Debian 12 …  x86_64        CONTAINER  0.00M…
                  ubuntu/24…  b1476fa37154  no      Ubuntu 24.…  x86_64        CONTAINER  0.10M…
                              eb79745b5198  no      Alpine edge  x86_64        CONTAINER  1.91M…

                Enter info / filter s/S sort e edit a alias d delete x export r reload q quit
                """);
        tester.resize(120, 4);
        assertThat(tester.screen()).as("one row of images: the selection stays visible").isEqualTo("""
                 imgsh · local · 3 images · sorted by ALIAS ▲                                                                       1/3
                  ALIAS▲           FINGERPRINT   PUBLIC  DESCRIPTION       ARCHITECTURE  TYPE       SIZE    UPLOAD DATE
                > debian (1 more)  c45f2176ccdb  no      Debian 12 amd64   x86_64        CONTAINER  0.00MB  Nov 27, 2026 at 2:23am (UTC)
                Enter info  / filter  s sort  S reverse  e edit  a alias  d delete  x export  r reload  q quit
                """);
        tester.press(KeyType.ArrowDown, KeyType.ArrowDown);
        assertThat(tester.row(2)).startsWith(">").contains("Alpine edge");
        tester.resize(120, 9);
        assertThat(tester.row(4)).startsWith(">").contains("Alpine edge");
        assertThat(reads).hasValue(1);
    }

    @Test
    void leftAndRightScrollATableWiderThanTheScreen() {
        open(60, 7);
        tester.press(KeyType.ArrowRight, KeyType.ArrowRight);
        assertThat(tester.screen()).isEqualTo("""
                 imgsh · local · 3 images · sorted by ALIAS ▲           1/3
                « PUBLIC  DESCRIPTION  ARCHITECTURE  TYPE       SIZE    UPL…
                > no      Debian 12 …  x86_64        CONTAINER  0.00MB  Nov…
                  no      Ubuntu 24.…  x86_64        CONTAINER  0.10MB  Nov…
                  no      Alpine edge  x86_64        CONTAINER  1.91MB  Nov…

                Enter / filter s/S sort e a d x r q quit
                """);
        for (int i = 0; i < 10; i++) {
            tester.press(KeyType.ArrowRight);
        }
        assertThat(tester.row(1)).as("no further than the right edge").isEqualTo("« TYPE       SIZE    UPLOAD DATE");
        assertThat(tester.row(2)).isEqualTo("> CONTAINER  0.00MB  Nov 27, 2026 at 2:23am (UTC)");
        tester.type("hhhhhhhhhh");
        assertThat(tester.row(1)).startsWith("  ALIAS▲");
    }

    @Test
    void qEscapeAndCtrlCLeave() {
        open(120, 9);
        tester.type("q");
        assertThat(view.window().getTextGUI()).isNull();
        tester.close();
        open(120, 9);
        tester.press(KeyType.Escape);
        assertThat(view.window().getTextGUI()).isNull();
        tester.close();
        open(120, 9);
        tester.type("/ub");
        tester.ctrl('c');
        assertThat(view.window().getTextGUI()).as("Ctrl-C cancels the filter first").isNotNull();
        assertThat(view.model().filterText()).isEmpty();
        tester.ctrl('c');
        assertThat(view.window().getTextGUI()).isNull();
    }

    @Test
    void editFromTheBrowserSavesAndReloads() {
        open(140, 20);
        tester.press(KeyType.ArrowDown).type("e");
        assertThat(tester.row(0)).isEqualTo(" Edit image b1476fa37154 (ubuntu/24.04)");
        tester.press(KeyType.ArrowDown, KeyType.ArrowDown, KeyType.End).type(" (edited)").ctrl('s');
        assertThat(store.image(UBUNTU).properties()).containsEntry("description", "Ubuntu 24.04 LTS (edited)");
        assertThat(tester.row(3)).startsWith("> ubuntu/24.04").contains("Ubuntu 24.04 LTS (edited)");
        assertThat(tester.row(19)).isEqualTo("Image b1476fa37154 updated");
        assertThat(reads).hasValue(2);

        tester.type("e").press(KeyType.Escape);
        assertThat(tester.row(19)).isEqualTo(BrowseView.HELP);
        assertThat(reads).as("nothing saved, nothing read").hasValue(2);
    }

    @Test
    void emptyStoreSaysSo() {
        store.engine.images().list().forEach(i -> store.engine.images().delete(i.fingerprint()));
        open(60, 5);
        assertThat(tester.screen()).isEqualTo("""
                 imgsh · local · 0 images · sorted by ALIAS ▲
                  ALIAS▲  FINGERPRINT  PUBLIC  DESCRIPTION  ARCHITECTURE  T…
                  No images

                Enter / filter s/S sort e a d x r q quit
                """);
        tester.type("d");
        assertThat(tester.row(4)).isEqualTo("No image selected");
        tester.press(KeyType.Enter);
        assertThat(tester.row(4)).isEqualTo("No image selected");
    }
}
