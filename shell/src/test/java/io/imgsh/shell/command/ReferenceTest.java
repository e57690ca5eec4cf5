package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.shell.CliTest;
import io.imgsh.shell.ImgshRunner;
import io.imgsh.shell.TestImages;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How every command resolves {@code [remote:]name}: alias first, then a unique fingerprint prefix. */
class ReferenceTest extends CliTest {

    record Pair(String first, String second, String prefix) {
    }

    /** Imports unified images with different descriptions until two fingerprints share their first digit. */
    static Pair twoImagesSharingAPrefix(ImgshRunner imgsh, TestImages images) {
        Map<Character, String> byFirst = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            String fp = imgsh.importImage(images.unified("p" + i + ".tar.gz",
                    TestImages.metadata("prefix " + i, "1"), Compression.GZIP).toString());
            String other = byFirst.putIfAbsent(fp.charAt(0), fp);
            if (other != null) {
                int n = 0;
                while (other.charAt(n) == fp.charAt(n)) {
                    n++;
                }
                return new Pair(other, fp, fp.substring(0, n));
            }
        }
        throw new AssertionError("17 fingerprints cannot all start differently");
    }

    @Test
    void aliasWinsOverAFingerprintPrefix() {
        String a = imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString());
        String b = imgsh.importImage(images.unified("b.tar.gz", Compression.GZIP).toString());
        // an alias on b spelled like a's fingerprint prefix
        imgsh.ok("image", "alias", "create", a.substring(0, 8), b);
        assertThat(imgsh.ok("image", "info", a.substring(0, 8))).startsWith("Fingerprint: " + b + "\n");
        assertThat(imgsh.ok("image", "info", a.substring(0, 9))).startsWith("Fingerprint: " + a + "\n");
        assertThat(imgsh.ok("image", "info", a)).startsWith("Fingerprint: " + a + "\n");
    }

    @Test
    void uniquePrefixOfAnyLength() {
        String a = imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString());
        for (int n = 1; n <= 64; n += 9) {
            assertThat(imgsh.ok("image", "show", a.substring(0, n))).contains("os: imgshtest");
        }
    }

    @Test
    void ambiguousPrefixIsAnErrorListingTheMatchesForEveryCommand() {
        Pair pair = twoImagesSharingAPrefix(imgsh, images);
        String before = imgsh.snapshot();
        String[][] commands = {
                {"image", "info", pair.prefix()},
                {"image", "show", pair.prefix()},
                {"image", "delete", pair.prefix()},
                {"image", "export", pair.prefix(), tmp.toString()},
                {"image", "get-property", pair.prefix(), "os"},
                {"image", "set-property", pair.prefix(), "os", "x"},
                {"image", "unset-property", pair.prefix(), "os"},
        };
        for (String[] command : commands) {
            ImgshRunner.Result r = imgsh.run(command);
            assertThat(r.status()).as("%s", r).isEqualTo(1);
            assertThat(r.errLines()).as("%s", r).hasSize(1);
            assertThat(r.errLines().get(0)).startsWith("Error: More than one image matches \"" + pair.prefix()
                    + "\": ").contains(pair.first().substring(0, 12), pair.second().substring(0, 12));
        }
        ImgshRunner.Result edit = imgsh.runWithStdin("public: true\n", "image", "edit", pair.prefix());
        assertThat(edit.errLines()).singleElement().asString().startsWith("Error: More than one image matches");
        assertThat(imgsh.snapshot()).isEqualTo(before);
        // one more digit makes it unique
        assertThat(imgsh.ok("image", "info", pair.first().substring(0, pair.prefix().length() + 1)))
                .startsWith("Fingerprint: " + pair.first());
    }

    @Test
    void unknownNameAndUnknownRemote() {
        imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString(), "--alias", "a");
        for (String command : new String[] {"info", "show", "delete", "export"}) {
            assertError(imgsh.run("image", command, "nonexistent"), 1, "Error: Image not found");
            assertError(imgsh.run("image", command, "x:a"), 1, "Error: The remote \"x\" doesn't exist");
        }
        assertError(imgsh.run("image", "get-property", "nonexistent", "os"), 1, "Error: Image not found");
        assertError(imgsh.run("image", "get-property", "x:a", "os"), 1, "Error: The remote \"x\" doesn't exist");
        // "local:" names the local store; an empty remote is none, as lxc says
        assertThat(imgsh.ok("image", "get-property", "local:a", "os")).isEqualTo("imgshtest\n");
        for (String[] args : new String[][] {{"image", "get-property", ":a", "os"}, {"image", "info", ":a"},
                {"image", "list", ":"}, {"image", "alias", "list", ":"}, {"image", "copy", "a", ":"},
                {"image", "alias", "create", ":x", "a"}}) {
            assertError(imgsh.run(args), 1, "Error: The remote \"\" doesn't exist");
        }
    }
}
