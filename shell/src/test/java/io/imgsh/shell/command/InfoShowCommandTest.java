package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.shell.CliTest;
import io.imgsh.shell.LxdFixtures;
import io.imgsh.shell.SampleImage;
import io.imgsh.shell.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InfoShowCommandTest extends CliTest {
    private static final String UNI_XZ_INFO = info(LxdFixtures.UNIFIED_XZ, "ImgshTest 1.0 unified", "1.0", "uni-xz");

    /** {@code image info} of a freshly imported reference image with this description, release and alias. */
    private static String info(String fingerprint, String description, String release, String alias) {
        return """
                Fingerprint: %s
                Size: 0.00MB
                Architecture: x86_64
                Type: container
                Public: no
                Timestamps:
                    Created: 2023/11/14 22:13 UTC
                    Uploaded: 2026/11/27 02:23 UTC
                    Expires: never
                    Last used: never
                Properties:
                    description: %s
                    os: imgshtest
                    release: %s
                    variant: default
                Aliases:
                    - %s
                Cached: no
                Auto update: disabled
                Profiles:
                    - default
                """.formatted(fingerprint, description, release, alias);
    }

    @Test
    void infoAsLxd() {
        importLxdImages();
        assertThat(assertOk(imgsh.run("image", "info", "uni-xz"))).isEqualTo(UNI_XZ_INFO);
        assertThat(assertOk(imgsh.run("image", "info", "ab6f"))).isEqualTo(UNI_XZ_INFO);
        assertThat(assertOk(imgsh.run("image", "info", "local:uni-xz"))).isEqualTo(UNI_XZ_INFO);
        assertThat(assertOk(imgsh.run("image", "info", "split")))
                .isEqualTo(info(LxdFixtures.SPLIT, "ImgshTest 2.0 split", "2.0", "split"));
    }

    @Test
    void infoAfterEditsShowsExpiryEmptyProfilesAliasDescriptionsAndPublic() {
        importLxdImages();
        assertOk(imgsh.runWithStdin("""
                expires_at: 2030-01-01T00:00:00Z
                auto_update: true
                public: true
                properties:
                  description: exp
                profiles: []
                """, "image", "edit", "uni-xz"));
        assertOk(imgsh.run("image", "alias", "create", "second", "ab6fcc", "--description", "the second"));
        assertThat(assertOk(imgsh.run("image", "info", "uni-xz"))).isEqualTo("""
                Fingerprint: ab6fcc1f7c7daa1eb1a083a3d67775bb93e93f30a49e8eb28e54f3048df41591
                Size: 0.00MB
                Architecture: x86_64
                Type: container
                Public: yes
                Timestamps:
                    Created: 2023/11/14 22:13 UTC
                    Uploaded: 2026/11/27 02:23 UTC
                    Expires: 2030/01/01 00:00 UTC
                    Last used: never
                Properties:
                    description: exp
                Aliases:
                    - uni-xz
                    - second (the second)
                Cached: no
                Auto update: enabled
                Profiles: []
                """);
    }

    @Test
    void timesAtOrBeforeTheEpochAreNoneAsForLxd() {
        String yaml = TestImages.metadata("old", "1").replace("creation_date: 1700000000", "creation_date: -5")
                .replace("expiry_date: 0", "expiry_date: -100");
        imgsh.importImage(images.unified("old.tar.gz", yaml, Compression.GZIP).toString(), "--alias", "old");
        assertThat(assertOk(imgsh.run("image", "info", "old")).lines())
                .noneMatch(line -> line.contains("Created:")).contains("    Expires: never");
    }

    @Test
    void sizeOfABiggerImage() {
        // 20480 bytes of plain tar print as 0.02MB, as in LXD
        Path file = images.unified("plain.tar", Compression.NONE);
        long size = file.toFile().length();
        imgsh.importImage(file.toString(), "--alias", "plain");
        String expected = String.format("Size: %.2fMB", size / 1024.0 / 1024.0);
        assertThat(assertOk(imgsh.run("image", "info", "plain")).lines()).contains(expected);
    }

    @Test
    void showIsTheLxdYamlOfTheWritableFields() {
        importLxdImages();
        assertThat(assertOk(imgsh.run("image", "show", "uni-xz"))).isEqualTo(SampleImage.SHOW);
        assertThat(assertOk(imgsh.run("image", "show", "split")))
                .isEqualTo(SampleImage.show("ImgshTest 2.0 split", "2.0"));
    }

    @Test
    void showAfterEmptyingPropertiesAndProfiles() {
        importLxdImages();
        assertOk(imgsh.runWithStdin("bogus_field: 1\nprofiles: []\n", "image", "edit", "uni-xz"));
        assertThat(assertOk(imgsh.run("image", "show", "uni-xz"))).isEqualTo("""
                auto_update: false
                properties: {}
                public: false
                expires_at: 1970-01-01T00:00:00Z
                profiles: []
                """);
    }

    @Test
    void unknownImage() {
        assertError(imgsh.run("image", "info", "nonexistent"), 1, "Error: Image not found");
        assertError(imgsh.run("image", "show", "nonexistent"), 1, "Error: Image not found");
    }
}
