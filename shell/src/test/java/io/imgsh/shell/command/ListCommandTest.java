package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.shell.CliTest;
import io.imgsh.shell.ImgshRunner;
import io.imgsh.shell.LxdFixtures;
import io.imgsh.shell.TestImages;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ListCommandTest extends CliTest {
    private static final String EMPTY_TABLE = """
            +-------+-------------+--------+-------------+--------------+------+------+-------------+
            | ALIAS | FINGERPRINT | PUBLIC | DESCRIPTION | ARCHITECTURE | TYPE | SIZE | UPLOAD DATE |
            +-------+-------------+--------+-------------+--------------+------+------+-------------+
            """;

    private void makeUniGzPublic() {
        assertOk(imgsh.runWithStdin("""
                auto_update: true
                properties:
                  description: Edited description
                  os: imgshtest
                  release: "1.0"
                  variant: default
                public: true
                """, "image", "edit", "uni-gz"));
    }

    private List<String> aliases(String... filters) {
        String[] args = new String[filters.length + 6];
        args[0] = "image";
        args[1] = "list";
        System.arraycopy(filters, 0, args, 2, filters.length);
        args[filters.length + 2] = "-c";
        args[filters.length + 3] = "l";
        args[filters.length + 4] = "--format";
        args[filters.length + 5] = "csv";
        return assertOk(imgsh.run(args)).lines().toList();
    }

    @Test
    void emptyStorePrintsTheHeaderAnyway() {
        assertThat(assertOk(imgsh.run("image", "list"))).isEqualTo(EMPTY_TABLE);
        assertThat(assertOk(imgsh.run("image", "ls"))).isEqualTo(EMPTY_TABLE);
        assertThat(assertOk(imgsh.run("image", "list", "--format", "csv"))).isEmpty();
        assertThat(assertOk(imgsh.run("image", "list", "--format", "json"))).isEqualTo("[]\n");
        assertThat(assertOk(imgsh.run("image", "list", "--format", "yaml"))).isEqualTo("[]\n");
        assertThat(assertOk(imgsh.run("image", "list", "--format", "compact")))
                .isEqualTo("  ALIAS  FINGERPRINT  PUBLIC  DESCRIPTION  ARCHITECTURE  TYPE  SIZE  UPLOAD DATE  \n");
    }

    @Test
    void csvTableAndCompactRowsAsLxd() {
        importLxdImages();
        makeUniGzPublic();
        assertThat(assertOk(imgsh.run("image", "list", "--format", "csv"))).isEqualTo("""
                split,8b63b0cd169b,no,ImgshTest 2.0 split,x86_64,CONTAINER,0.00MB,"Nov 27, 2026 at 2:23am (UTC)"
                uni-gz,38e82544a877,yes,Edited description,x86_64,CONTAINER,0.00MB,"Nov 27, 2026 at 2:23am (UTC)"
                uni-xz,ab6fcc1f7c7d,no,ImgshTest 1.0 unified,x86_64,CONTAINER,0.00MB,"Nov 27, 2026 at 2:23am (UTC)"
                """);
        List<String> compact = assertOk(imgsh.run("image", "list", "--format", "compact")).lines().toList();
        assertThat(compact).hasSize(4);
        assertThat(compact.get(0).split("\\s{2,}")).containsExactly("", "ALIAS", "FINGERPRINT", "PUBLIC",
                "DESCRIPTION", "ARCHITECTURE", "TYPE", "SIZE", "UPLOAD DATE");
        assertThat(compact.get(1).split("\\s{2,}")).containsExactly("", "split", "8b63b0cd169b", "no",
                "ImgshTest 2.0 split", "x86_64", "CONTAINER", "0.00MB", "Nov 27, 2026 at 2:23am (UTC)");
        assertThat(compact.get(2)).contains("uni-gz");
        assertThat(compact.get(3)).contains("uni-xz");

        // -c d: rows sorted, an empty cell last
        imgsh.ok("image", "unset-property", "uni-xz", "description");
        assertThat(assertOk(imgsh.run("image", "list", "--format", "table", "-c", "d"))).isEqualTo("""
                +---------------------+
                |     DESCRIPTION     |
                +---------------------+
                | Edited description  |
                +---------------------+
                | ImgshTest 2.0 split |
                +---------------------+
                |                     |
                +---------------------+
                """);
    }

    @Test
    void aRepeatedOptionTakesItsLastValueAsInLxc() {
        importLxdImages();
        assertThat(assertOk(imgsh.run("image", "list", "-c", "l", "-c", "f", "-f", "json", "--format", "csv")))
                .isEqualTo("8b63b0cd169b\n38e82544a877\nab6fcc1f7c7d\n");
    }

    @Test
    void fingerprintColumnSortsNaturally() {
        importLxdImages();
        // 8 < 38 < ab: digit runs compare as numbers
        assertThat(assertOk(imgsh.run("image", "list", "-c", "f", "--format", "csv")))
                .isEqualTo("8b63b0cd169b\n38e82544a877\nab6fcc1f7c7d\n");
    }

    @Test
    void aliasColumnsShortestWithCountAndAllOnSeparateLines() {
        importLxdImages();
        imgsh.ok("image", "alias", "create", "copied", LxdFixtures.UNIFIED_GZ.substring(0, 6));
        imgsh.ok("image", "alias", "create", "copied-split", LxdFixtures.SPLIT);
        String loose = imgsh.importImage(images.unified("loose.tar.gz", Compression.GZIP).toString());
        String line = "+-----------------+--------------+--------------+\n";
        // "uni-gz" and "copied" are equally short: the older alias wins, as in LXD
        assertThat(assertOk(imgsh.run("image", "list", "-c", "lLf"))).isEqualTo(line
                + "|      ALIAS      |   ALIASES    | FINGERPRINT  |\n" + line
                + "| split (1 more)  | copied-split | 8b63b0cd169b |\n"
                + "|                 | split        |              |\n" + line
                + "| uni-gz (1 more) | copied       | 38e82544a877 |\n"
                + "|                 | uni-gz       |              |\n" + line
                + "| uni-xz          | uni-xz       | ab6fcc1f7c7d |\n" + line
                + "|                 |              | " + loose.substring(0, 12) + " |\n" + line);
    }

    @Test
    void columnLettersWithCommasAndEveryColumn() {
        importLxdImages();
        assertThat(assertOk(imgsh.run("image", "list", "-c", "l,F", "--format", "csv"))).isEqualTo(
                "split," + LxdFixtures.SPLIT + "\nuni-gz," + LxdFixtures.UNIFIED_GZ + "\nuni-xz,"
                        + LxdFixtures.UNIFIED_XZ + "\n");
        String table = assertOk(imgsh.run("image", "list", "-c", "lLfFpdastu", "split"));
        assertThat(table.lines().toList()).containsExactly(
                "+-------+---------+--------------+------------------------------------------------------------------"
                        + "+--------+---------------------+--------------+--------+-----------+"
                        + "------------------------------+",
                "| ALIAS | ALIASES | FINGERPRINT  |                           FINGERPRINT                            "
                        + "| PUBLIC |     DESCRIPTION     | ARCHITECTURE |  SIZE  |   TYPE    |"
                        + "         UPLOAD DATE          |",
                "+-------+---------+--------------+------------------------------------------------------------------"
                        + "+--------+---------------------+--------------+--------+-----------+"
                        + "------------------------------+",
                "| split | split   | 8b63b0cd169b | " + LxdFixtures.SPLIT + " | no     | ImgshTest 2.0 split "
                        + "| x86_64       | 0.00MB | CONTAINER | Nov 27, 2026 at 2:23am (UTC) |",
                "+-------+---------+--------------+------------------------------------------------------------------"
                        + "+--------+---------------------+--------------+--------+-----------+"
                        + "------------------------------+");
        assertThat(assertOk(imgsh.run("image", "list", "--columns", "s", "--format", "csv"))).isEqualTo(
                "0.00MB\n0.00MB\n0.00MB\n");
    }

    @Test
    void jsonIsTheFullImageObjectWithLxdFieldNames() {
        Path lxd = LxdFixtures.make(tmp.resolve("lxd"));
        imgsh.importImage(lxd.resolve("unified-xz.tar.xz").toString(), "--alias", "uni-xz");
        assertThat(assertOk(imgsh.run("image", "list", "--format", "json"))).isEqualTo("[{\"auto_update\":false,"
                + "\"properties\":{\"description\":\"ImgshTest 1.0 unified\",\"os\":\"imgshtest\",\"release\":\"1.0\","
                + "\"variant\":\"default\"},\"public\":false,\"expires_at\":\"1970-01-01T00:00:00Z\","
                + "\"profiles\":[\"default\"],\"aliases\":[{\"name\":\"uni-xz\",\"description\":\"\"}],"
                + "\"architecture\":\"x86_64\",\"cached\":false,\"filename\":\"unified-xz.tar.xz\","
                + "\"fingerprint\":\"" + LxdFixtures.UNIFIED_XZ + "\",\"size\":728,\"type\":\"container\","
                + "\"created_at\":\"2023-11-14T22:13:20Z\",\"last_used_at\":\"0001-01-01T00:00:00Z\","
                + "\"uploaded_at\":\"2026-11-27T02:23:03.598645087Z\"}]\n");
    }

    @Test
    void yamlIsTheFullImageObjectAsLxdPrintsIt() {
        Path lxd = LxdFixtures.make(tmp.resolve("lxd"));
        imgsh.importImage(lxd.resolve("split-meta.tar.xz").toString(), lxd.resolve("split-rootfs.tar.xz").toString(),
                "--alias", "split", "--public");
        assertThat(assertOk(imgsh.run("image", "list", "--format", "yaml")))
                .isEqualTo(LxdFixtures.splitListYaml("2026-11-27T02:23:03.598645087Z"));
    }

    @Test
    void jsonAndYamlListImagesByFingerprintAsLxdsServerDoes() {
        importLxdImages(); // imported as ab6f…, 38e8…, 8b63…
        List<String> byFingerprint = List.of(LxdFixtures.UNIFIED_GZ, LxdFixtures.SPLIT, LxdFixtures.UNIFIED_XZ);
        assertThat(fingerprints(assertOk(imgsh.run("image", "list", "--format", "json")))).isEqualTo(byFingerprint);
        assertThat(fingerprints(assertOk(imgsh.run("image", "list", "--format", "yaml")))).isEqualTo(byFingerprint);
    }

    /** The values of the "fingerprint" fields of a json or yaml listing, in order. */
    private static List<String> fingerprints(String listing) {
        return Pattern.compile("fingerprint\"?: ?\"?([0-9a-f]{64})").matcher(listing).results()
                .map(m -> m.group(1)).toList();
    }

    @Test
    void filters() {
        importLxdImages();
        makeUniGzPublic();
        imgsh.importImage(images.unified("arm.tar.gz", TestImages.metadata("arm one", "1").replace("x86_64",
                "aarch64").replace("os: imgshtest", "os: other"), Compression.GZIP).toString(), "--alias", "arm");

        assertThat(aliases()).containsExactly("arm", "split", "uni-gz", "uni-xz");
        // bare words: alias or fingerprint substring, case-sensitive
        assertThat(aliases("split")).containsExactly("split");
        assertThat(aliases("uni")).containsExactly("uni-gz", "uni-xz");
        assertThat(aliases("38e8")).containsExactly("uni-gz");
        assertThat(aliases("38E8")).isEmpty();
        assertThat(aliases("nothingmatches")).isEmpty();
        // properties: anchored regex, dot-component key prefixes
        assertThat(aliases("os=imgshtest")).containsExactly("split", "uni-gz", "uni-xz");
        assertThat(aliases("os=imgsh.*")).containsExactly("split", "uni-gz", "uni-xz");
        assertThat(aliases("release=2.0")).containsExactly("split");
        assertThat(aliases("rel=2.*")).containsExactly("split");
        assertThat(aliases("description=Edited")).isEmpty();
        assertThat(aliases("description=^Edited")).containsExactly("uni-gz");
        assertThat(aliases("description=Edited description")).containsExactly("uni-gz");
        assertThat(aliases("desc=arm one")).containsExactly("arm");
        assertThat(aliases("properties.os=imgshtest")).isEmpty();
        // top-level fields, including the booleans LXD 5.0.2 never matches
        assertThat(aliases("public=true")).containsExactly("uni-gz");
        assertThat(aliases("public=false")).containsExactly("arm", "split", "uni-xz");
        assertThat(aliases("auto_update=true")).containsExactly("uni-gz");
        assertThat(aliases("architecture=x86_64")).containsExactly("split", "uni-gz", "uni-xz");
        assertThat(aliases("architecture=aarch64")).containsExactly("arm");
        assertThat(aliases("type=container")).containsExactly("arm", "split", "uni-gz", "uni-xz");
        assertThat(aliases("fingerprint=" + LxdFixtures.SPLIT)).containsExactly("split");
        // ANDed
        assertThat(aliases("os=imgshtest", "release=1.0")).containsExactly("uni-gz", "uni-xz");
        assertThat(aliases("ab6f", "split")).isEmpty();
        assertThat(aliases("uni", "public=false")).containsExactly("uni-xz");
        // the local: remote prefix, alone or in front of the first filter
        assertThat(aliases("local:")).containsExactly("arm", "split", "uni-gz", "uni-xz");
        assertThat(aliases("local:", "split")).containsExactly("split");
        assertThat(aliases("local:split")).containsExactly("split");
        assertThat(aliases("local:uni", "release=1.0")).containsExactly("uni-gz", "uni-xz");
    }

    @Test
    void filterWithUnknownRemote() {
        assertError(imgsh.run("image", "list", "nowhere:"), 1, "Error: The remote \"nowhere\" doesn't exist");
        assertError(imgsh.run("image", "list", "nowhere:word"), 1, "Error: The remote \"nowhere\" doesn't exist");
    }

    @Test
    void noMatchesPrintsTheHeader() {
        imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString(), "--alias", "a");
        assertThat(assertOk(imgsh.run("image", "list", "nothingmatches"))).isEqualTo(EMPTY_TABLE);
    }

    @Test
    void badColumnsAndFormatsAreUsageErrors() {
        ImgshRunner.Result r = imgsh.run("image", "list", "-c", "lx");
        assertError(r, 2, "Error: Unknown column shorthand char 'x' in 'lx'");
        assertThat(r.out()).isEmpty();
        assertError(imgsh.run("image", "list", "--format", "xml"), 2, "Error: Invalid format \"xml\"");
        assertError(imgsh.run("image", "list", "-c", "l,,f"), 2,
                "Error: Empty column entry (redundant, leading or trailing comma) in 'l,,f'");
    }
}
