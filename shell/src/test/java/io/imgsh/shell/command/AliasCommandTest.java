package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.shell.CliTest;
import io.imgsh.shell.ImgshRunner;
import io.imgsh.shell.LxdFixtures;
import org.junit.jupiter.api.Test;

class AliasCommandTest extends CliTest {
    private static final String XZ = LxdFixtures.UNIFIED_XZ;
    private static final String GZ = LxdFixtures.UNIFIED_GZ;
    private static final String SP = LxdFixtures.SPLIT;

    @Test
    void transcript() {
        importLxdImages();
        // an alias name is not a target: only a fingerprint or unique prefix is
        assertError(imgsh.run("image", "alias", "create", "extra", "uni-xz"), 1, "Error: Image not found");
        assertError(imgsh.run("image", "alias", "create", "bad", "nonexistent"), 1, "Error: Image not found");
        assertThat(assertOk(imgsh.run("image", "alias", "create", "extra2", "ab6fcc1f7c7d"))).isEmpty();
        String line = "+--------+--------------+-----------+-------------+\n";
        assertThat(assertOk(imgsh.run("image", "alias", "list"))).isEqualTo(line
                + "| ALIAS  | FINGERPRINT  |   TYPE    | DESCRIPTION |\n" + line
                + "| extra2 | ab6fcc1f7c7d | CONTAINER |             |\n" + line
                + "| split  | 8b63b0cd169b | CONTAINER |             |\n" + line
                + "| uni-gz | 38e82544a877 | CONTAINER |             |\n" + line
                + "| uni-xz | ab6fcc1f7c7d | CONTAINER |             |\n" + line);
        assertThat(imgsh.ok("image", "list", "-c", "l", "--format", "csv"))
                .isEqualTo("split\nuni-gz\nuni-xz (1 more)\n");

        assertThat(assertOk(imgsh.run("image", "alias", "rename", "extra2", "renamed"))).isEmpty();
        assertError(imgsh.run("image", "alias", "rename", "renamed", "split"), 1, "Error: Alias \"split\" already exists");

        assertThat(assertOk(imgsh.run("image", "alias", "list", "--format", "csv"))).isEqualTo("""
                renamed,ab6fcc1f7c7d,CONTAINER,
                split,8b63b0cd169b,CONTAINER,
                uni-gz,38e82544a877,CONTAINER,
                uni-xz,ab6fcc1f7c7d,CONTAINER,
                """);
        assertThat(assertOk(imgsh.run("image", "alias", "list", "--format", "json"))).isEqualTo("["
                + "{\"description\":\"\",\"target\":\"" + XZ + "\",\"name\":\"renamed\",\"type\":\"container\"},"
                + "{\"description\":\"\",\"target\":\"" + SP + "\",\"name\":\"split\",\"type\":\"container\"},"
                + "{\"description\":\"\",\"target\":\"" + GZ + "\",\"name\":\"uni-gz\",\"type\":\"container\"},"
                + "{\"description\":\"\",\"target\":\"" + XZ + "\",\"name\":\"uni-xz\",\"type\":\"container\"}]\n");
        assertThat(assertOk(imgsh.run("image", "alias", "list", "--format", "yaml"))).isEqualTo("""
                - description: ""
                  target: %1$s
                  name: renamed
                  type: container
                - description: ""
                  target: %2$s
                  name: split
                  type: container
                - description: ""
                  target: %3$s
                  name: uni-gz
                  type: container
                - description: ""
                  target: %1$s
                  name: uni-xz
                  type: container
                """.formatted(XZ, SP, GZ));
        assertThat(assertOk(imgsh.run("image", "alias", "list", "ext"))).isEqualTo("""
                +-------+-------------+------+-------------+
                | ALIAS | FINGERPRINT | TYPE | DESCRIPTION |
                +-------+-------------+------+-------------+
                """);
        assertThat(assertOk(imgsh.run("image", "alias", "delete", "renamed"))).isEmpty();
        assertError(imgsh.run("image", "alias", "delete", "renamed"), 1, "Error: Image alias not found");
        assertThat(imgsh.ok("image", "list", "-c", "l", "--format", "csv")).isEqualTo("split\nuni-gz\nuni-xz\n");
    }

    @Test
    void listFiltersAreOredSubstringsOfNameOrTarget() {
        importLxdImages();
        assertThat(imgsh.ok("image", "alias", "list", "uni", "--format", "csv"))
                .isEqualTo("uni-gz,38e82544a877,CONTAINER,\nuni-xz,ab6fcc1f7c7d,CONTAINER,\n");
        assertThat(imgsh.ok("image", "alias", "list", "split", "38e8", "--format", "csv"))
                .isEqualTo("split,8b63b0cd169b,CONTAINER,\nuni-gz,38e82544a877,CONTAINER,\n");
        assertThat(imgsh.ok("image", "alias", "ls", "local:", "xz", "--format", "csv"))
                .isEqualTo("uni-xz,ab6fcc1f7c7d,CONTAINER,\n");
        assertThat(imgsh.ok("image", "alias", "list", "-c", "af", "--format", "csv", "split"))
                .isEqualTo("split,8b63b0cd169b\n");
        assertError(imgsh.run("image", "alias", "list", "far:"), 1, "Error: The remote \"far\" doesn't exist");
    }

    @Test
    void listFormatsAndColumnsErrors() {
        assertError(imgsh.run("image", "alias", "list", "--format", "xml"), 2, "Error: Invalid format \"xml\"");
        assertError(imgsh.run("image", "alias", "list", "-c", "az"), 2,
                "Error: Unknown column shorthand char 'z' in 'az'");
        assertThat(assertOk(imgsh.run("image", "alias", "list", "--format", "compact")))
                .isEqualTo("  ALIAS  FINGERPRINT  TYPE  DESCRIPTION  \n");
    }

    @Test
    void createWithDescriptionPrefixAndRemote() {
        importLxdImages();
        assertOk(imgsh.run("image", "alias", "create", "local:described", "8b63", "--description", "my split"));
        assertThat(imgsh.ok("image", "alias", "list", "described", "--format", "csv"))
                .isEqualTo("described,8b63b0cd169b,CONTAINER,my split\n");
        assertError(imgsh.run("image", "alias", "create", "described", XZ), 1,
                "Error: Alias \"described\" already exists");
        assertError(imgsh.run("image", "alias", "create", "far:x", XZ), 1, "Error: The remote \"far\" doesn't exist");
        // the new alias resolves
        assertThat(imgsh.ok("image", "get-property", "described", "release")).isEqualTo("2.0\n");
    }

    @Test
    void createWithAmbiguousPrefixListsTheMatches() {
        ReferenceTest.Pair pair = ReferenceTest.twoImagesSharingAPrefix(imgsh, images);
        ImgshRunner.Result r = imgsh.run("image", "alias", "create", "amb", pair.prefix());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("Error: More than one image matches")
                .contains(pair.first().substring(0, 12), pair.second().substring(0, 12));
        assertThat(imgsh.ok("image", "alias", "list", "--format", "csv")).isEmpty();
    }

    @Test
    void renameAndDeleteWithMvAndRm() {
        importLxdImages();
        assertOk(imgsh.run("image", "alias", "mv", "local:split", "sp"));
        assertOk(imgsh.run("image", "alias", "rm", "local:uni-gz"));
        assertThat(imgsh.ok("image", "alias", "list", "-c", "a", "--format", "csv")).isEqualTo("sp\nuni-xz\n");
        assertError(imgsh.run("image", "alias", "rename", "nosuch", "other"), 1, "Error: Image alias not found");
        // the image itself stays
        assertThat(imgsh.ok("image", "list", "-c", "f", "--format", "csv")).contains("38e82544a877");
    }

    @Test
    void invalidNamesAreRefused() {
        importLxdImages();
        assertStoreUnchanged(() -> {
            assertErrorContains(imgsh.run("image", "alias", "create", "has space", XZ), 1, "must not contain");
            assertErrorContains(imgsh.run("image", "alias", "rename", "split", "a:b"), 1, "must not contain ':'");
            // an empty name is not the alias "default" here (as it is in an image reference)
            assertError(imgsh.run("image", "alias", "create", "", XZ), 1, "Error: Alias name must not be empty");
            assertError(imgsh.run("image", "alias", "create", "local:", XZ), 1, "Error: Alias name must not be empty");
            assertError(imgsh.run("image", "alias", "rename", "split", ""), 1, "Error: Alias name must not be empty");
            assertError(imgsh.run("image", "alias", "delete", "local:"), 1, "Error: Image alias not found");
        });
    }
}
