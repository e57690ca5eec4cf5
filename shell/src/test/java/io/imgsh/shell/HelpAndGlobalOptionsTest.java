package io.imgsh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpAndGlobalOptionsTest extends CliTest {

    @Test
    void topLevelHelp() {
        String out = assertOk(imgsh.run("--help"));
        assertThat(out).startsWith("Usage: imgsh").contains("image", "config", "--home", "--keep-going", "-D");
        // the description names the ${NAME} syntax instead of picocli's interpolation of it
        assertThat(out).contains("${NAME}").doesNotContain("Define null");
    }

    @Test
    void subcommandHelp() {
        assertThat(assertOk(imgsh.run("image", "--help"))).startsWith("Usage: imgsh image")
                .contains("import", "list", "info", "show", "edit", "delete", "export", "get-property",
                        "set-property", "unset-property", "alias");
        assertThat(assertOk(imgsh.run("image", "list", "--help"))).startsWith("Usage: imgsh image list")
                .contains("--columns", "--format");
        assertThat(assertOk(imgsh.run("image", "alias", "-h"))).startsWith("Usage: imgsh image alias");
        assertThat(assertOk(imgsh.run("config", "--help"))).startsWith("Usage: imgsh config");
        assertThat(assertOk(imgsh.run("config", "set", "--help"))).startsWith("Usage: imgsh config set");
    }

    @Test
    void helpNeedsNoStore() {
        assertOk(imgsh.run("image", "import", "--help"));
        assertThat(Files.exists(imgsh.home())).isFalse();
    }

    @Test
    void version() {
        assertThat(assertOk(imgsh.run("--version"))).startsWith("imgsh ");
    }

    @Test
    void groupWithoutSubcommandIsAUsageErrorNamingThem() {
        assertError(imgsh.run("image"), 2, "Error: Missing subcommand for 'image': one of import, list, browse, info, show, "
                + "edit, delete, export, get-property, set-property, unset-property, copy, refresh, mirror, verify, alias");
        assertError(imgsh.run("image", "alias"), 2,
                "Error: Missing subcommand for 'image alias': one of create, delete, list, rename");
        assertError(imgsh.run("config"), 2, "Error: Missing subcommand for 'config': one of get, set, unset, show, trust");
    }

    @Test
    void aWordStartingWithAtIsAWordNotAFileOfArguments() throws Exception {
        Path arguments = Files.writeString(tmp.resolve("arguments"), "image\nlist\n");
        ImgshRunner.Result r = imgsh.run("@" + arguments);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).first().isEqualTo("Error: Unknown command \"@" + arguments + "\"");
        assertThat(imgsh.run("-q", "@" + arguments).status()).isEqualTo(2);
    }

    @Test
    void unknownCommandsAndFlagsNameTheWordSuggestAndShowTheUsageLine() {
        assertThat(imgsh.run("image", "lst").errLines()).containsExactly(
                "Error: Unknown command \"lst\" (did you mean \"list\"?)", "Usage: imgsh image [-h] [COMMAND]");
        assertThat(imgsh.run("imag", "list").errLines()).first()
                .isEqualTo("Error: Unknown command \"imag\" (did you mean \"image\"?)");
        assertThat(imgsh.run("image", "list", "--bogus").errLines()).containsExactly("Error: Unknown flag \"--bogus\"",
                "Usage: imgsh image list [-h] [-c=COLUMNS] [-f=FORMAT] [[remote:][FILTER]...]");
        assertThat(imgsh.run("image", "list", "--formt=csv").errLines()).first()
                .isEqualTo("Error: Unknown flag \"--formt\" (did you mean \"--format\"?)");
        assertThat(imgsh.run("image", "nosuchcommand").errLines()).first()
                .isEqualTo("Error: Unknown command \"nosuchcommand\"");
        assertThat(imgsh.run("image", "info", "a", "b").errLines()).first()
                .isEqualTo("Error: Unexpected argument \"b\"");
        for (String[] args : new String[][] {{"nosuch"}, {"image", "lst"}, {"--bogus"}, {"image", "info", "a", "b"}}) {
            assertThat(imgsh.run(args).status()).as("%s", List.of(args)).isEqualTo(2);
        }
    }

    @Test
    void helpSaysWhatTheExitStatusesMean() {
        assertThat(assertOk(imgsh.run("--help"))).contains("Exit status:", "2   usage error");
    }

    @Test
    void colorAlwaysMakesErrorRedAndNeverOrNoColorDoNot() {
        ImgshRunner.Result always = imgsh.run("--color", "always", "image", "info", "nosuch");
        assertThat(always.status()).isEqualTo(1);
        assertThat(always.err()).isEqualTo("\u001b[31mError:\u001b[0m Image not found\n");
        assertError(imgsh.run("--color", "never", "image", "info", "nosuch"), 1, "Error: Image not found");
        // NO_COLOR is set by the runner; auto therefore never colours
        assertError(imgsh.run("--color", "auto", "image", "info", "nosuch"), 1, "Error: Image not found");
    }

    @Test
    void invalidColorIsAUsageError() {
        assertError(imgsh.run("--color", "bogus", "image", "list"), 2,
                "Error: Invalid color mode \"bogus\" (use always, never or auto)");
    }

    @Test
    void storeFromImgshHomeThenXdgDataHome() {
        TestImages t = new TestImages(tmp.resolve("img"));
        java.nio.file.Path file = t.unified("a.tar.xz", Compression.XZ);
        imgsh.env().put("IMGSH_HOME", tmp.resolve("from-env").toString());
        assertThat(imgsh.runRaw(new byte[0], false, "image", "import", file.toString()).status()).isZero();
        assertThat(Files.isDirectory(tmp.resolve("from-env").resolve("images"))).isTrue();
        imgsh.env().remove("IMGSH_HOME");
        imgsh.env().put("XDG_DATA_HOME", tmp.resolve("xdg").toString());
        assertThat(imgsh.runRaw(new byte[0], false, "image", "import", file.toString()).status()).isZero();
        assertThat(Files.isDirectory(tmp.resolve("xdg").resolve("imgsh").resolve("images"))).isTrue();
        // --home wins over both
        assertThat(imgsh.run("image", "list", "--format", "csv").out()).isEmpty();
    }
}
