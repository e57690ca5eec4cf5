package io.imgsh.shell.render;

import static io.imgsh.shell.render.Fixtures.IMAGE_HEADERS;
import static io.imgsh.shell.render.Fixtures.lines;
import static io.imgsh.shell.render.Fixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.shell.LxdFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden output from the LXD 5.0.2 transcripts. */
class ListRendererTest {
    private static final List<String> ALIAS_HEADERS = List.of("ALIAS", "FINGERPRINT", "TYPE", "DESCRIPTION");

    private static List<List<String>> sortedImageRows() {
        List<List<String>> rows = Fixtures.imageRows();
        RowSorter.sort(rows);
        return rows;
    }

    private static List<List<String>> aliasRows() {
        return List.of(
                List.of("renamed", "ab6fcc1f7c7d", "CONTAINER", ""),
                List.of("split", "8b63b0cd169b", "CONTAINER", ""),
                List.of("split-sq", "c6e36950be3e", "CONTAINER", ""),
                List.of("uni-gz", "38e82544a877", "CONTAINER", ""),
                List.of("uni-xz", "ab6fcc1f7c7d", "CONTAINER", ""));
    }

    @Test
    void imageListTable() {
        assertThat(render(OutputFormat.TABLE, IMAGE_HEADERS, sortedImageRows(), Fixtures.images())).isEqualTo(lines(
                "+----------+--------------+--------+---------------------+--------------+-----------+--------+------------------------------+",
                "|  ALIAS   | FINGERPRINT  | PUBLIC |     DESCRIPTION     | ARCHITECTURE |   TYPE    |  SIZE  |         UPLOAD DATE          |",
                "+----------+--------------+--------+---------------------+--------------+-----------+--------+------------------------------+",
                "| split    | 8b63b0cd169b | yes    | ImgshTest 2.0 split | x86_64       | CONTAINER | 0.00MB | Nov 27, 2026 at 2:23am (UTC) |",
                "+----------+--------------+--------+---------------------+--------------+-----------+--------+------------------------------+",
                "| split-sq | c6e36950be3e | no     | ImgshTest 2.0 split | x86_64       | CONTAINER | 0.00MB | Nov 27, 2026 at 2:23am (UTC) |",
                "+----------+--------------+--------+---------------------+--------------+-----------+--------+------------------------------+",
                "| uni-gz   | 38e82544a877 | yes    | Edited description  | x86_64       | CONTAINER | 0.00MB | Nov 27, 2026 at 2:23am (UTC) |",
                "+----------+--------------+--------+---------------------+--------------+-----------+--------+------------------------------+",
                "| uni-xz   | ab6fcc1f7c7d | no     |                     | x86_64       | CONTAINER | 0.00MB | Nov 27, 2026 at 2:23am (UTC) |",
                "+----------+--------------+--------+---------------------+--------------+-----------+--------+------------------------------+"));
    }

    @Test
    void imageListCompactKeepsTrailingSpaces() {
        assertThat(render(OutputFormat.COMPACT, IMAGE_HEADERS, sortedImageRows(), Fixtures.images())).isEqualTo(lines(
                "   ALIAS    FINGERPRINT   PUBLIC      DESCRIPTION      ARCHITECTURE    TYPE      SIZE           UPLOAD DATE           ",
                "  split     8b63b0cd169b  yes     ImgshTest 2.0 split  x86_64        CONTAINER  0.00MB  Nov 27, 2026 at 2:23am (UTC)  ",
                "  split-sq  c6e36950be3e  no      ImgshTest 2.0 split  x86_64        CONTAINER  0.00MB  Nov 27, 2026 at 2:23am (UTC)  ",
                "  uni-gz    38e82544a877  yes     Edited description   x86_64        CONTAINER  0.00MB  Nov 27, 2026 at 2:23am (UTC)  ",
                "  uni-xz    ab6fcc1f7c7d  no                           x86_64        CONTAINER  0.00MB  Nov 27, 2026 at 2:23am (UTC)  "));
    }

    @Test
    void imageListCsvHasNoHeaderAndQuotesCommas() {
        assertThat(render(OutputFormat.CSV, IMAGE_HEADERS, sortedImageRows(), Fixtures.images())).isEqualTo(lines(
                "split,8b63b0cd169b,yes,ImgshTest 2.0 split,x86_64,CONTAINER,0.00MB,\"Nov 27, 2026 at 2:23am (UTC)\"",
                "split-sq,c6e36950be3e,no,ImgshTest 2.0 split,x86_64,CONTAINER,0.00MB,\"Nov 27, 2026 at 2:23am (UTC)\"",
                "uni-gz,38e82544a877,yes,Edited description,x86_64,CONTAINER,0.00MB,\"Nov 27, 2026 at 2:23am (UTC)\"",
                "uni-xz,ab6fcc1f7c7d,no,,x86_64,CONTAINER,0.00MB,\"Nov 27, 2026 at 2:23am (UTC)\""));
    }

    @Test
    void emptyTablePrintsHeaderBetweenRules() {
        assertThat(render(OutputFormat.TABLE, IMAGE_HEADERS, List.of(), List.of())).isEqualTo(lines(
                "+-------+-------------+--------+-------------+--------------+------+------+-------------+",
                "| ALIAS | FINGERPRINT | PUBLIC | DESCRIPTION | ARCHITECTURE | TYPE | SIZE | UPLOAD DATE |",
                "+-------+-------------+--------+-------------+--------------+------+------+-------------+"));
    }

    @Test
    void emptyCompactAndCsv() {
        assertThat(render(OutputFormat.COMPACT, List.of("ALIAS", "TYPE"), List.of(), List.of()))
                .isEqualTo("  ALIAS  TYPE  \n");
        assertThat(render(OutputFormat.CSV, List.of("ALIAS", "TYPE"), List.of(), List.of())).isEmpty();
    }

    @Test
    void multiLineAliasesCellsAfterSorting() {
        List<List<String>> rows = new ArrayList<>(List.of(
                List.of("", "", "891726af20be"),
                List.of("uni-xz", "uni-xz", "ab6fcc1f7c7d"),
                List.of("uni-gz (1 more)", "copied\nuni-gz", "38e82544a877"),
                List.of("", "", "9aadca75a3c1"),
                List.of("split-sq", "split-sq", "c6e36950be3e"),
                List.of("split (1 more)", "copied-split\nsplit", "8b63b0cd169b"),
                List.of("dbg1 (1 more)", "dbg1\ndbg2", "af47acefeeb2")));
        RowSorter.sort(rows);

        assertThat(render(OutputFormat.TABLE, List.of("ALIAS", "ALIASES", "FINGERPRINT"), rows, List.of()))
                .isEqualTo(lines(
                        "+-----------------+--------------+--------------+",
                        "|      ALIAS      |   ALIASES    | FINGERPRINT  |",
                        "+-----------------+--------------+--------------+",
                        "| dbg1 (1 more)   | dbg1         | af47acefeeb2 |",
                        "|                 | dbg2         |              |",
                        "+-----------------+--------------+--------------+",
                        "| split (1 more)  | copied-split | 8b63b0cd169b |",
                        "|                 | split        |              |",
                        "+-----------------+--------------+--------------+",
                        "| split-sq        | split-sq     | c6e36950be3e |",
                        "+-----------------+--------------+--------------+",
                        "| uni-gz (1 more) | copied       | 38e82544a877 |",
                        "|                 | uni-gz       |              |",
                        "+-----------------+--------------+--------------+",
                        "| uni-xz          | uni-xz       | ab6fcc1f7c7d |",
                        "+-----------------+--------------+--------------+",
                        "|                 |              | 9aadca75a3c1 |",
                        "+-----------------+--------------+--------------+",
                        "|                 |              | 891726af20be |",
                        "+-----------------+--------------+--------------+"));
        assertThat(render(OutputFormat.COMPACT, List.of("ALIAS", "ALIASES", "FINGERPRINT"), rows.subList(0, 1), List.of()))
                .isEqualTo(lines(
                        "      ALIAS      ALIASES  FINGERPRINT   ",
                        "  dbg1 (1 more)  dbg1     af47acefeeb2  ",
                        "                 dbg2                   "));
        assertThat(render(OutputFormat.CSV, List.of("ALIAS", "ALIASES", "FINGERPRINT"), rows.subList(0, 1), List.of()))
                .isEqualTo("dbg1 (1 more),\"dbg1\ndbg2\",af47acefeeb2\n");
    }

    @Test
    void singleColumnTable() {
        List<List<String>> rows = new ArrayList<>(List.of(
                List.of("ImgshTest 2.0 split"), List.of(""), List.of("Edited description"), List.of("ImgshTest 2.0 split")));
        RowSorter.sort(rows);
        assertThat(render(OutputFormat.TABLE, List.of("DESCRIPTION"), rows, List.of())).isEqualTo(lines(
                "+---------------------+",
                "|     DESCRIPTION     |",
                "+---------------------+",
                "| Edited description  |",
                "+---------------------+",
                "| ImgshTest 2.0 split |",
                "+---------------------+",
                "| ImgshTest 2.0 split |",
                "+---------------------+",
                "|                     |",
                "+---------------------+"));
    }

    @Test
    void aliasListTable() {
        List<List<String>> rows = new ArrayList<>(aliasRows());
        rows.set(0, List.of("extra2", "ab6fcc1f7c7d", "CONTAINER", ""));
        assertThat(render(OutputFormat.TABLE, ALIAS_HEADERS, rows, Fixtures.aliases())).isEqualTo(lines(
                "+----------+--------------+-----------+-------------+",
                "|  ALIAS   | FINGERPRINT  |   TYPE    | DESCRIPTION |",
                "+----------+--------------+-----------+-------------+",
                "| extra2   | ab6fcc1f7c7d | CONTAINER |             |",
                "+----------+--------------+-----------+-------------+",
                "| split    | 8b63b0cd169b | CONTAINER |             |",
                "+----------+--------------+-----------+-------------+",
                "| split-sq | c6e36950be3e | CONTAINER |             |",
                "+----------+--------------+-----------+-------------+",
                "| uni-gz   | 38e82544a877 | CONTAINER |             |",
                "+----------+--------------+-----------+-------------+",
                "| uni-xz   | ab6fcc1f7c7d | CONTAINER |             |",
                "+----------+--------------+-----------+-------------+"));
    }

    @Test
    void aliasListCsv() {
        assertThat(render(OutputFormat.CSV, ALIAS_HEADERS, aliasRows(), Fixtures.aliases())).isEqualTo(lines(
                "renamed,ab6fcc1f7c7d,CONTAINER,",
                "split,8b63b0cd169b,CONTAINER,",
                "split-sq,c6e36950be3e,CONTAINER,",
                "uni-gz,38e82544a877,CONTAINER,",
                "uni-xz,ab6fcc1f7c7d,CONTAINER,"));
    }

    @Test
    void aliasListJsonIsOneCompactLine() {
        assertThat(render(OutputFormat.JSON, ALIAS_HEADERS, aliasRows(), Fixtures.aliases())).isEqualTo(
                "[{\"description\":\"\",\"target\":\"ab6fcc1f7c7daa1eb1a083a3d67775bb93e93f30a49e8eb28e54f3048df41591\",\"name\":\"renamed\",\"type\":\"container\"},"
                + "{\"description\":\"\",\"target\":\"8b63b0cd169b9b0aacd1cfa98273ceb0c8ba4dde2c9f4bd849ab449119522640\",\"name\":\"split\",\"type\":\"container\"},"
                + "{\"description\":\"\",\"target\":\"c6e36950be3eda99c9b44ac94c67c0819fa2fc35755203745d5d11044fcca467\",\"name\":\"split-sq\",\"type\":\"container\"},"
                + "{\"description\":\"\",\"target\":\"38e82544a8777860efb603a48ca17be1c23869c82493aee6589320216332ab7a\",\"name\":\"uni-gz\",\"type\":\"container\"},"
                + "{\"description\":\"\",\"target\":\"ab6fcc1f7c7daa1eb1a083a3d67775bb93e93f30a49e8eb28e54f3048df41591\",\"name\":\"uni-xz\",\"type\":\"container\"}]\n");
    }

    @Test
    void aliasListYaml() {
        assertThat(render(OutputFormat.YAML, ALIAS_HEADERS, aliasRows(), Fixtures.aliases().subList(0, 2))).isEqualTo("""
                - description: ""
                  target: ab6fcc1f7c7daa1eb1a083a3d67775bb93e93f30a49e8eb28e54f3048df41591
                  name: renamed
                  type: container
                - description: ""
                  target: 8b63b0cd169b9b0aacd1cfa98273ceb0c8ba4dde2c9f4bd849ab449119522640
                  name: split
                  type: container
                """);
    }

    @Test
    void imageListJsonKeepsServerOrderAndTimestamps() {
        assertThat(render(OutputFormat.JSON, IMAGE_HEADERS, sortedImageRows(), Fixtures.images())).isEqualTo(
                "[{\"auto_update\":true,\"properties\":{\"description\":\"Edited description\",\"os\":\"imgshtest\",\"release\":\"1.0\",\"variant\":\"default\"},"
                + "\"public\":true,\"expires_at\":\"1970-01-01T00:00:00Z\",\"profiles\":[\"default\"],\"aliases\":[{\"name\":\"uni-gz\",\"description\":\"\"}],"
                + "\"architecture\":\"x86_64\",\"cached\":false,\"filename\":\"unified-gz.tar.gz\","
                + "\"fingerprint\":\"38e82544a8777860efb603a48ca17be1c23869c82493aee6589320216332ab7a\",\"size\":734,\"type\":\"container\","
                + "\"created_at\":\"2023-11-14T22:13:20Z\",\"last_used_at\":\"0001-01-01T00:00:00Z\",\"uploaded_at\":\"2026-11-27T02:23:03.598645087Z\"},"
                + "{\"auto_update\":false,\"properties\":{\"description\":\"ImgshTest 2.0 split\",\"os\":\"imgshtest\",\"release\":\"2.0\",\"variant\":\"default\"},"
                + "\"public\":true,\"expires_at\":\"1970-01-01T00:00:00Z\",\"profiles\":[\"default\"],\"aliases\":[{\"name\":\"split\",\"description\":\"\"}],"
                + "\"architecture\":\"x86_64\",\"cached\":false,\"filename\":\"split-rootfs.tar.xz\","
                + "\"fingerprint\":\"8b63b0cd169b9b0aacd1cfa98273ceb0c8ba4dde2c9f4bd849ab449119522640\",\"size\":932,\"type\":\"container\","
                + "\"created_at\":\"2023-11-14T22:13:20Z\",\"last_used_at\":\"0001-01-01T00:00:00Z\",\"uploaded_at\":\"2026-11-27T02:23:03.634890771Z\"},"
                + "{\"auto_update\":false,\"properties\":{},\"public\":false,\"expires_at\":\"2030-01-01T00:00:00Z\",\"profiles\":[],"
                + "\"aliases\":[{\"name\":\"uni-xz\",\"description\":\"\"}],\"architecture\":\"x86_64\",\"cached\":false,\"filename\":\"unified-xz.tar.xz\","
                + "\"fingerprint\":\"ab6fcc1f7c7daa1eb1a083a3d67775bb93e93f30a49e8eb28e54f3048df41591\",\"size\":728,\"type\":\"container\","
                + "\"created_at\":\"2023-11-14T22:13:20Z\",\"last_used_at\":\"0001-01-01T00:00:00Z\",\"uploaded_at\":\"2026-11-27T02:23:03.565059501Z\"},"
                + "{\"auto_update\":false,\"properties\":{\"description\":\"ImgshTest 2.0 split\",\"os\":\"imgshtest\",\"release\":\"2.0\",\"variant\":\"default\"},"
                + "\"public\":false,\"expires_at\":\"1970-01-01T00:00:00Z\",\"profiles\":[\"default\"],\"aliases\":[{\"name\":\"split-sq\",\"description\":\"\"}],"
                + "\"architecture\":\"x86_64\",\"cached\":false,\"filename\":\"split-rootfs.squashfs\","
                + "\"fingerprint\":\"c6e36950be3eda99c9b44ac94c67c0819fa2fc35755203745d5d11044fcca467\",\"size\":4496,\"type\":\"container\","
                + "\"created_at\":\"2023-11-14T22:13:20Z\",\"last_used_at\":\"0001-01-01T00:00:00Z\",\"uploaded_at\":\"2026-11-27T02:23:03.663632619Z\"}]\n");
    }

    @Test
    void imageListYaml() {
        assertThat(render(OutputFormat.YAML, IMAGE_HEADERS, sortedImageRows(), Fixtures.images().subList(0, 3))).isEqualTo("""
                - auto_update: true
                  properties:
                    description: Edited description
                    os: imgshtest
                    release: "1.0"
                    variant: default
                  public: true
                  expires_at: 1970-01-01T00:00:00Z
                  profiles:
                  - default
                  aliases:
                  - name: uni-gz
                    description: ""
                  architecture: x86_64
                  cached: false
                  filename: unified-gz.tar.gz
                  fingerprint: 38e82544a8777860efb603a48ca17be1c23869c82493aee6589320216332ab7a
                  size: 734
                  type: container
                  created_at: 2023-11-14T22:13:20Z
                  last_used_at: 0001-01-01T00:00:00Z
                  uploaded_at: 2026-11-27T02:23:03.598645087Z
                """ + LxdFixtures.splitListYaml("2026-11-27T02:23:03.634890771Z") + """
                - auto_update: false
                  properties: {}
                  public: false
                  expires_at: 2030-01-01T00:00:00Z
                  profiles: []
                  aliases:
                  - name: uni-xz
                    description: ""
                  architecture: x86_64
                  cached: false
                  filename: unified-xz.tar.xz
                  fingerprint: ab6fcc1f7c7daa1eb1a083a3d67775bb93e93f30a49e8eb28e54f3048df41591
                  size: 728
                  type: container
                  created_at: 2023-11-14T22:13:20Z
                  last_used_at: 0001-01-01T00:00:00Z
                  uploaded_at: 2026-11-27T02:23:03.565059501Z
                """);
    }

    @Test
    void emptyJsonAndYamlLists() {
        assertThat(render(OutputFormat.JSON, IMAGE_HEADERS, List.of(), List.of())).isEqualTo("[]\n");
        assertThat(render(OutputFormat.YAML, IMAGE_HEADERS, List.of(), List.of())).isEqualTo("[]\n");
    }

    @Test
    void widthCountsTerminalColumnsAnEmojiTwo() {
        assertThat(render(OutputFormat.TABLE, List.of("NAME"), List.of(List.of("ünï😀")), List.of())).isEqualTo(lines(
                "+-------+",
                "| NAME  |",
                "+-------+",
                "| ünï😀 |",
                "+-------+"));
    }

    @Test
    void csvQuotesAsGoEncodingCsv() {
        List<List<String>> rows = List.of(List.of("a\"b", " lead", "\ttab", "\\.", "a\rb", "plain", "", "x y"));
        assertThat(render(OutputFormat.CSV, List.of("1", "2", "3", "4", "5", "6", "7", "8"), rows, List.of()))
                .isEqualTo("\"a\"\"b\",\" lead\",\"\ttab\",\"\\.\",\"a\rb\",plain,,x y\n");
    }

    @Test
    void jsonEscapesAsGo() {
        List<?> objects = List.of("<a href=\"x\">&</a>", "\b\f\u0001\t\n\r", "é\u2028\u2029/");
        assertThat(render(OutputFormat.JSON, List.of(), List.of(), objects)).isEqualTo(
                "[\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\","
                + "\"\\u0008\\u000c\\u0001\\t\\n\\r\",\"é\\u2028\\u2029/\"]\n");
    }

    @Test
    void rowsMustMatchTheHeaders() {
        assertThatThrownBy(() -> render(OutputFormat.TABLE, List.of("A", "B"), List.of(List.of("x")), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row has 1 cells for 2 columns: [x]");
    }
}
