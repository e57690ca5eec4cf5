package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.shell.CliTest;
import io.imgsh.shell.ImgshRunner;
import io.imgsh.shell.SampleImage;
import io.imgsh.store.E2e;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EditCommandTest extends CliTest {
    @BeforeEach
    void importOne() {
        imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString(), "--alias", "img");
        assertThat(imgsh.ok("image", "show", "img")).isEqualTo(SampleImage.SHOW);
    }

    @Test
    void stdinReplacesTheWritableFields() {
        String edited = SampleImage.SHOW.replace("public: false", "public: true").replace("auto_update: false",
                "auto_update: true").replace("description: ImgshTest 1.0 unified", "description: Edited description");
        assertThat(assertOk(imgsh.runWithStdin(edited, "image", "edit", "img"))).isEmpty();
        assertThat(imgsh.ok("image", "show", "img")).isEqualTo(edited);
        assertThat(imgsh.ok("image", "list", "-c", "lpd", "--format", "csv")).isEqualTo("img,yes,Edited description\n");
    }

    @Test
    void fullReplaceDropsWhatIsNotGiven() {
        assertOk(imgsh.runWithStdin("properties:\n  only: this\n", "image", "edit", "img"));
        assertThat(imgsh.ok("image", "show", "img")).isEqualTo("""
                auto_update: false
                properties:
                  only: this
                public: false
                expires_at: 1970-01-01T00:00:00Z
                profiles:
                - default
                """);
        assertOk(imgsh.runWithStdin("expires_at: 2030-01-01T00:00:00Z\nproperties:\n  description: exp\n",
                "image", "edit", "img"));
        assertThat(imgsh.ok("image", "show", "img")).contains("expires_at: 2030-01-01T00:00:00Z\n",
                "properties:\n  description: exp\n");
        // a later edit without expires_at keeps the expiry
        assertOk(imgsh.runWithStdin("public: true\n", "image", "edit", "img"));
        assertThat(imgsh.ok("image", "show", "img")).isEqualTo("""
                auto_update: false
                properties: {}
                public: true
                expires_at: 2030-01-01T00:00:00Z
                profiles:
                - default
                """);
    }

    @Test
    void emptyStdinIsAnErrorAndChangesNothing() {
        String before = imgsh.snapshot();
        for (String empty : new String[] {"", "\n", "   \n\n", "# only a comment\n", "---\n", "~\n"}) {
            ImgshRunner.Result r = imgsh.runWithStdin(empty, "image", "edit", "img");
            assertThat(r.status()).as("status for %s", r).isEqualTo(1);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.errLines().get(0)).startsWith("Error: ").containsIgnoringCase("empty");
            assertThat(imgsh.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void badYamlIsAOneLineErrorAndChangesNothing() {
        assertStoreUnchanged(() -> {
            assertError(imgsh.runWithStdin("public: notabool\n", "image", "edit", "img"), 1,
                    "Error: yaml: unmarshal errors: line 1: cannot unmarshal !!str `notabool` into bool");
            assertErrorContains(imgsh.runWithStdin("properties: [a, b\n", "image", "edit", "img"), 1, "yaml: line ");
            assertErrorContains(imgsh.runWithStdin("just a string\n", "image", "edit", "img"), 1,
                    "cannot unmarshal");
        });
    }

    @Test
    void unknownProfileIsRefused() {
        assertStoreUnchanged(() -> {
            assertError(imgsh.runWithStdin("profiles: [default, nosuchprofile]\n", "image", "edit", "img"), 1,
                    "Error: Profile 'nosuchprofile' doesn't exist");
        });
    }

    @Test
    void unknownImageOrRemote() {
        assertError(imgsh.runWithStdin("public: true\n", "image", "edit", "nosuch"), 1, "Error: Image not found");
        assertError(imgsh.runWithStdin("public: true\n", "image", "edit", "far:img"), 1,
                "Error: The remote \"far\" doesn't exist");
    }

    @Test
    void terminalRunsTheEditorAndReopensItAfterAnError() throws Exception {
        E2e.require(Files.isExecutable(Path.of("/bin/sh")), "/bin/sh, to run the test editor, is missing");
        // First run: writes invalid YAML. Second run (on the same file, still holding the broken text): valid YAML.
        Path count = tmp.resolve("count");
        Path editor = tmp.resolve("editor.sh");
        Files.writeString(editor, """
                #!/bin/sh
                n=$(cat "%1$s" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "%1$s"
                if [ $n = 1 ]; then printf 'public: [\\n' > "$1"; else printf 'public: true\\nproperties:\\n  os: fixed\\n' > "$1"; fi
                """.formatted(count));
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        imgsh.env().put("EDITOR", editor.toString());
        ImgshRunner.Result r = imgsh.runRaw("\n".getBytes(StandardCharsets.UTF_8), true,
                imgsh.withHome("image", "edit", "img"));
        assertThat(r.status()).as("%s", r).isZero();
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(0)).startsWith("Config parsing error: yaml: line ");
        assertThat(r.errLines().get(1)).isEqualTo("Press enter to open the editor again or ctrl+c to abort change");
        assertThat(Files.readString(count).strip()).isEqualTo("2");
        assertThat(imgsh.ok("image", "show", "img")).isEqualTo("""
                auto_update: false
                properties:
                  os: fixed
                public: true
                expires_at: 1970-01-01T00:00:00Z
                profiles:
                - default
                """);
    }

    @Test
    void terminalEditAbortedAtEndOfInputChangesNothing() throws Exception {
        E2e.require(Files.isExecutable(Path.of("/bin/sh")), "/bin/sh, to run the test editor, is missing");
        Path editor = tmp.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\nprintf 'public: [\\n' > \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        imgsh.env().put("EDITOR", editor.toString());
        assertStoreUnchanged(() -> {
            ImgshRunner.Result r = imgsh.runRaw(new byte[0], true, imgsh.withHome("image", "edit", "img"));
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.errLines()).last().asString().startsWith("Error: Edit aborted");
        });
    }
}
