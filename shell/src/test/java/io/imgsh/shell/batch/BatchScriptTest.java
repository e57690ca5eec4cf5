package io.imgsh.shell.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.shell.CliTest;
import io.imgsh.shell.ImgshRunner;
import io.imgsh.shell.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchScriptTest extends CliTest {
    private Path imageA;
    private Path imageB;

    @BeforeEach
    void images() {
        imageA = images.unified("a.tar.xz", Compression.XZ);
        imageB = images.unified("b.tar.gz", Compression.GZIP);
    }

    private Path script(String text) {
        return images.write("script.lxs", text);
    }

    private String aliases() {
        return imgsh.ok("image", "alias", "list", "-c", "a", "--format", "csv");
    }

    @Test
    void runsEveryLineInOneProcessWithCommentsBlankLinesAndContinuations() {
        Path s = script("""
                # import two images and alias them
                image import %s --alias a

                   # an indented comment
                image import %s \\
                    --alias b \\
                    os=from-script
                image alias create a-second %s
                image list -c l --format csv
                """.formatted(imageA, imageB, TestImages.sha256(imageA).substring(0, 10)));
        ImgshRunner.Result r = imgsh.run("-f", s.toString());
        assertThat(r.status()).as("%s", r).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("Image imported with fingerprint: " + TestImages.sha256(imageA) + "\n"
                + "Image imported with fingerprint: " + TestImages.sha256(imageB) + "\n"
                + "a (1 more)\nb\n");
        assertThat(r.out()).doesNotContain("a-second (");
        assertThat(imgsh.ok("image", "get-property", "b", "os")).isEqualTo("from-script\n");
    }

    @Test
    void quotedWordsAndEscapes() {
        imgsh.importImage(imageA.toString(), "--alias", "a");
        Path s = script("""
                image set-property a description "two words"
                image set-property a single 'it''s'
                image set-property a escaped one\\ two
                image set-property a inword key="a b"c
                """);
        assertOk(imgsh.run("-f", s.toString()));
        assertThat(imgsh.ok("image", "get-property", "a", "description")).isEqualTo("two words\n");
        assertThat(imgsh.ok("image", "get-property", "a", "escaped")).isEqualTo("one two\n");
        assertThat(imgsh.ok("image", "get-property", "a", "single")).isEqualTo("its\n");
        assertThat(imgsh.ok("image", "get-property", "a", "inword")).isEqualTo("key=a bc\n");
    }

    @Test
    void variablesFromDefinitionsAndTheEnvironment() {
        imgsh.env().put("IMG_FROM_ENV", imageB.toString());
        imgsh.env().put("DESC", "from the environment");
        Path s = script("""
                image import ${IMG} --alias ${NAME}
                image import ${IMG_FROM_ENV} --alias env
                image set-property ${NAME} description "${DESC}"
                """);
        assertOk(imgsh.run("-D", "IMG=" + imageA, "-D", "NAME=defined", "-D", "DESC=defined wins", "-f",
                s.toString()));
        assertThat(aliases()).isEqualTo("defined\nenv\n");
        assertThat(imgsh.ok("image", "get-property", "defined", "description")).isEqualTo("defined wins\n");
    }

    @Test
    void commentsAfterACommandAreNotArguments() {
        imgsh.importImage(imageA.toString(), "--alias", "a");
        Path s = script("image list -c l --format csv # the words of a note, not filters\n");
        assertThat(assertOk(imgsh.run("-f", s.toString()))).isEqualTo("a\n");
    }

    @Test
    void exitEndsTheScriptWithItsStatus() {
        Path s = script("""
                image import %s --alias a
                exit 3
                image import %s --alias never
                """.formatted(imageA, imageB));
        ImgshRunner.Result r = imgsh.run("-f", s.toString());
        assertThat(r.status()).isEqualTo(3);
        assertThat(r.err()).isEmpty();
        assertThat(aliases()).isEqualTo("a\n");
        assertThat(assertOk(imgsh.run("-f", script("quit\nimage info nosuch\n").toString()))).isEmpty();
        ImgshRunner.Result bad = imgsh.run("-f", script("exit 256\n").toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.errLines()).singleElement().asString().endsWith(":1: Invalid exit status 256: expected 0 to 255");
    }

    @Test
    void aLiteralDollarBraceIsWrittenWithABackslash() {
        imgsh.importImage(imageA.toString(), "--alias", "a");
        assertOk(imgsh.run("-D", "X=1", "-f", script("image set-property a tpl \\${X}-${X}\n").toString()));
        assertThat(imgsh.ok("image", "get-property", "a", "tpl")).isEqualTo("${X}-1\n");
    }

    @Test
    void undefinedVariableStopsTheScriptNamingIt() {
        Path s = script("""
                image import %s --alias first

                image alias create second ${NOPE}
                image import %s --alias never
                """.formatted(imageA, imageB));
        ImgshRunner.Result r = imgsh.run("-f", s.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(s + ":3: undefined variable ${NOPE} (define it with -D NOPE=VALUE"
                + " or in the environment)");
        assertThat(aliases()).isEqualTo("first\n");
    }

    @Test
    void firstFailingLineStopsWithFileLineMessage() {
        Path s = script("""
                image import %s --alias a
                # the next line fails
                image info nosuch
                image import %s --alias never
                """.formatted(imageA, imageB));
        ImgshRunner.Result r = imgsh.run("-f", s.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(s + ":3: Image not found");
        assertThat(r.out()).isEqualTo("Image imported with fingerprint: " + TestImages.sha256(imageA) + "\n");
        assertThat(aliases()).isEqualTo("a\n");
    }

    @Test
    void usageErrorsInAScriptAreFailuresOfTheirLine() {
        Path s = script("image list -c lx\nimage import " + imageA + "\n");
        ImgshRunner.Result r = imgsh.run("-f", s.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(s + ":1: Unknown column shorthand char 'x' in 'lx'");
        assertThat(imgsh.ok("image", "list", "--format", "csv")).isEmpty();
        ImgshRunner.Result unknown = imgsh.run("-f", script("bogus command\n").toString());
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.errLines()).singleElement().asString().startsWith(s + ":1: ").contains("bogus");
    }

    @Test
    void aScriptHasWhatItsLinesNameOfTheTreeAndTheTopLevelForItsUsageAndHelp() {
        Path s = script("imag list\nimage lst\nhelp\nhelp image alias create\nexit 4\nimage list\n");
        ImgshRunner.Result r = imgsh.run("--keep-going", "-f", s.toString());
        assertThat(r.status()).isEqualTo(4);
        assertThat(r.errLines()).containsExactly(s + ":1: Unknown command \"imag\" (did you mean \"image\"?)",
                s + ":2: Unknown command \"lst\" (did you mean \"list\"?)");
        assertThat(r.out()).contains("  launch ", "  streams ", "  file ", "Usage: image alias create");

        ImgshRunner.Result help = imgsh.run("-f", script("--help image list\n").toString());
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("  image ", "  launch ", "  file ");
    }

    @Test
    void errorOnAContinuedLineNamesItsFirstPhysicalLine() {
        Path s = script("""
                image import %s --alias a
                image info \\
                    nosuch \\

                image import %s --alias never
                """.formatted(imageA, imageB));
        ImgshRunner.Result r = imgsh.run("-f", s.toString());
        assertThat(r.errLines()).containsExactly(s + ":2: Image not found");
        assertThat(aliases()).isEqualTo("a\n");
    }

    @Test
    void escapedBackslashAtTheEndDoesNotContinue() {
        imgsh.importImage(imageA.toString(), "--alias", "a");
        // an even number of trailing backslashes ends the line; an odd number continues it
        Path s = script("image set-property a path C:\\\\\nimage set-property a cont \"x\\\\\\\ny\"\n");
        assertOk(imgsh.run("-f", s.toString()));
        assertThat(imgsh.ok("image", "get-property", "a", "path")).isEqualTo("C:\\\n");
        assertThat(imgsh.ok("image", "get-property", "a", "cont")).isEqualTo("x\\ y\n");
    }

    @Test
    void crlfScripts() {
        Path s = script("image import " + imageA + " \\\r\n  --alias crlf\r\nimage alias list -c a --format csv\r\n");
        ImgshRunner.Result r = imgsh.run("-f", s.toString());
        assertThat(r.status()).as("%s", r).isZero();
        assertThat(r.out()).endsWith("crlf\n");
    }

    @Test
    void syntaxErrorStops() {
        Path s = script("image import " + imageA + " --alias 'unclosed\nimage import " + imageB + "\n");
        ImgshRunner.Result r = imgsh.run("-f", s.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(s + ":1: syntax error: missing closing quote");
        assertThat(imgsh.ok("image", "list", "--format", "csv")).isEmpty();
    }

    @Test
    void keepGoingRunsEveryLineAndStillFails() {
        Path s = script("""
                image info nosuch
                image import %s --alias a
                image alias create a %s
                image import %s --alias b
                """.formatted(imageA, TestImages.sha256(imageA), imageB));
        ImgshRunner.Result r = imgsh.run("--keep-going", "-f", s.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(s + ":1: Image not found", s + ":3: Alias \"a\" already exists");
        assertThat(aliases()).isEqualTo("a\nb\n");
    }

    @Test
    void keepGoingWithoutFailuresIsZero() {
        assertOk(imgsh.run("--keep-going", "-f", script("image list --format csv\n").toString()));
    }

    @Test
    void scriptFromStdinWithDash() {
        String text = "image import " + imageA + " --alias a\nimage info nosuch\nimage import " + imageB + "\n";
        ImgshRunner.Result r = imgsh.runWithStdin(text, "-f", "-");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("<stdin>:2: Image not found");
        assertThat(aliases()).isEqualTo("a\n");
    }

    @Test
    void pipedStdinWithoutACommandIsAScript() {
        String text = "# piped\nimage import " + imageA + " --alias piped\nimage list -c l --format csv\n";
        ImgshRunner.Result r = imgsh.runRaw(text.getBytes(StandardCharsets.UTF_8), false, imgsh.withHome());
        assertThat(r.status()).as("%s", r).isZero();
        assertThat(r.out()).endsWith("\npiped\n");
        // -D applies there too
        ImgshRunner.Result d = imgsh.runRaw("image get-property ${N} os\n".getBytes(StandardCharsets.UTF_8), false,
                imgsh.withHome("-D", "N=piped"));
        assertThat(d.out()).isEqualTo("imgshtest\n");
    }

    @Test
    void emptyScriptsSucceed() {
        assertOk(imgsh.runRaw(new byte[0], false, imgsh.withHome()));
        assertOk(imgsh.run("-f", script("# nothing\n\n").toString()));
    }

    @Test
    void quietAppliesToScriptCommands() {
        Path out = tmp.resolve("out");
        out.toFile().mkdirs();
        Path s = script("image import " + imageA + " --alias a\nimage export a " + out + "\n");
        assertThat(assertOk(imgsh.run("-q", "-f", s.toString())))
                .isEqualTo("Image imported with fingerprint: " + TestImages.sha256(imageA) + "\n");
        assertThat(out.toFile().list()).hasSize(1);
    }

    @Test
    void missingScriptFile() {
        Path missing = tmp.resolve("missing.lxs");
        assertError(imgsh.run("-f", missing.toString()), 2, "Error: Script not found: " + missing);
    }

    @Test
    void aScriptThatIsNotUtf8TextOrADirectoryRunsNothingAndSaysWhy() throws Exception {
        Path binary = tmp.resolve("binary.lxs");
        Files.write(binary, new byte[] {'c', 'o', 'n', 'f', 'i', 'g', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        assertError(imgsh.run("-f", binary.toString()), 1, "Error: The script " + binary + " is not UTF-8 text");
        assertError(imgsh.run("-f", tmp.toString()), 1, "Error: read " + tmp + ": is a directory");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsNotPartOfIt() throws Exception {
        Path marked = tmp.resolve("marked.lxs");
        Files.writeString(marked, "\uFEFF# saved by an editor that marks UTF-8\nconfig get images.remote_cache_expiry\n");
        assertThat(assertOk(imgsh.run("-f", marked.toString()))).isEqualTo("10\n");
    }

    @Test
    void scriptAndCommandTogetherIsAUsageError() {
        Path s = script("config set images.remote_cache_expiry 7\n");
        ImgshRunner.Result r = imgsh.run("-f", s.toString(), "config", "get", "images.remote_cache_expiry");
        assertErrorContains(r, 2, "not both");
        assertThat(r.out()).isEmpty();
        assertThat(imgsh.ok("config", "get", "images.remote_cache_expiry")).isEqualTo("10\n");
    }

    @Test
    void manyLinesRunInOneSession() {
        String fp = imgsh.importImage(imageA.toString());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append("image alias create alias-").append(i).append(' ').append(fp, 0, 12).append('\n');
        }
        assertOk(imgsh.run("-f", script(text.toString()).toString()));
        assertThat(aliases().lines()).hasSize(300);
    }

    @Test
    void optionsAndArgumentsDoNotLeakFromOneLineToTheNext() {
        Path s = script("""
                image import %s --alias a --public os=x
                image import %s
                image alias create d %s --description desc
                image alias create e %s
                image list public=true -c lp --format csv
                image list -c lpd --format csv
                image alias list -c ad --format csv
                """.formatted(imageA, imageB, TestImages.sha256(imageA).substring(0, 8),
                TestImages.sha256(imageB).substring(0, 8)));
        ImgshRunner.Result r = imgsh.run("-f", s.toString());
        assertThat(r.status()).as("%s", r).isZero();
        assertThat(r.outLines().subList(2, r.outLines().size())).containsExactly(
                "a (1 more),yes",
                "a (1 more),yes,ImgshTest 1.0 unified",
                "e,no,ImgshTest 1.0 unified",
                "a,", "d,desc", "e,");
        assertThat(imgsh.ok("image", "get-property", "e", "os")).isEqualTo("imgshtest\n");
    }

    @Test
    void editInAFileScriptReadsTheRealStdin() {
        imgsh.importImage(imageA.toString(), "--alias", "a");
        Path s = script("image edit a\nimage get-property a os\n");
        ImgshRunner.Result r = imgsh.runWithStdin("properties:\n  os: from-stdin\n", "-f", s.toString());
        assertThat(r.status()).as("%s", r).isZero();
        assertThat(r.out()).isEqualTo("from-stdin\n");
    }

    @Test
    void editInAScriptReadFromStdinFindsNoYamlAndChangesNothing() {
        imgsh.importImage(imageA.toString(), "--alias", "a");
        String before = imgsh.snapshot();
        ImgshRunner.Result r = imgsh.runWithStdin("image edit a\nimage delete a\n", "-f", "-");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().startsWith("<stdin>:1: Empty YAML");
        assertThat(imgsh.snapshot()).isEqualTo(before);
    }
}
