package io.imgsh.shell.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.shell.CliTest;
import io.imgsh.shell.ImgshRunner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code image browse} and {@code image edit} as commands, without a terminal (the full-screen views themselves are
 * tested on a virtual terminal and in tmux).
 */
class ViewCommandsTest extends CliTest {
    @Test
    void browseNeedsATerminal() {
        imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString(), "--alias", "img");
        assertError(imgsh.run("image", "browse"), 1, "Error: image browse needs an interactive terminal (standard "
                + "input and output); use image list instead");
        ImgshRunner.Result r = imgsh.runRaw(new byte[0], true, imgsh.withHome("image", "browse", "os=x"));
        assertError(r, 1, "Error: image browse needs an interactive terminal (standard input and output); use image "
                + "list instead");
    }

    @Test
    void instanceBrowseNeedsATerminalAndHasHelp() {
        assertError(imgsh.run("browse"), 1, "Error: browse needs an interactive terminal (standard input and output);"
                + " use list instead");
        assertThat(assertOk(imgsh.run("browse", "--help"))).contains("Usage: imgsh browse",
                "Browse instances full-screen");
    }

    @Test
    void browseTakesAnyRemoteAsListDoesAndWritesFailWhereImagesAreReadOnly() {
        ImgshRunner.Result browse = imgsh.run("image", "browse", "nosuch:ubuntu");
        ImgshRunner.Result list = imgsh.run("image", "list", "nosuch:ubuntu");
        assertThat(browse.status()).isEqualTo(list.status()).isEqualTo(1);
        assertThat(browse.err()).isEqualTo(list.err()).isEqualTo("Error: The remote \"nosuch\" doesn't exist\n");

        // another remote is browsed as it is listed: here only the missing terminal stops it
        ImgshRunner.Result remote = imgsh.run("image", "browse", "images:");
        assertThat(remote.status()).isEqualTo(1);
        assertThat(remote.err()).startsWith("Error: image browse needs an interactive terminal");
        // edit and refresh work on trusted lxd remotes; a simplestreams server cannot be written to, which is said
        // before anything is asked of it
        for (String verb : List.of("edit", "refresh")) {
            ImgshRunner.Result write = imgsh.run("image", verb, "images:x");
            assertThat(write.status()).isEqualTo(1);
            assertThat(write.err()).as(verb)
                    .isEqualTo("Error: The remote \"images\" is a simplestreams server, which is read-only\n");
        }
    }

    @Test
    void browseIsAnImageSubcommandWithHelp() {
        String help = assertOk(imgsh.run("image", "browse", "--help"));
        assertThat(help).contains("Usage: imgsh image browse", "[remote:][FILTER]", "Browse images full-screen");
        assertThat(assertOk(imgsh.run("image", "edit", "--help"))).contains("--editor");
    }

    @Test
    void editWithoutATerminalStillReadsStandardInput() {
        imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString(), "--alias", "img");
        assertOk(imgsh.runWithStdin("properties:\n  description: from stdin\n", "image", "edit", "img"));
        assertThat(imgsh.ok("image", "get-property", "img", "description")).isEqualTo("from stdin\n");
        assertOk(imgsh.runWithStdin("properties:\n  description: again\n", "image", "edit", "--editor", "img"));
        assertThat(imgsh.ok("image", "get-property", "img", "description")).isEqualTo("again\n");
    }

    @Test
    void editInATerminalWithoutFullScreenFallsBackToTheEditor() {
        imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString(), "--alias", "img");
        // stdin "is" a terminal but stdout is not (as under the test runner): $EDITOR, here a script
        imgsh.env().put("EDITOR", "sed -i 's/^  description: .*/  description: by the editor/'");
        ImgshRunner.Result r = imgsh.runRaw("".getBytes(StandardCharsets.UTF_8), true,
                imgsh.withHome("image", "edit", "img"));
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(imgsh.ok("image", "get-property", "img", "description")).isEqualTo("by the editor\n");
    }
}
