package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.shell.CliTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PropertyCommandTest extends CliTest {
    @BeforeEach
    void importOne() {
        imgsh.importImage(images.unified("a.tar.xz", Compression.XZ).toString(), "--alias", "uni-xz");
    }

    @Test
    void getSetUnsetAsInTheTranscript() {
        assertThat(assertOk(imgsh.run("image", "get-property", "uni-xz", "os"))).isEqualTo("imgshtest\n");
        assertError(imgsh.run("image", "get-property", "uni-xz", "nokey"), 1, "Error: Property not found");
        assertThat(assertOk(imgsh.run("image", "set-property", "uni-xz", "os", "edited-os"))).isEmpty();
        assertThat(assertOk(imgsh.run("image", "set-property", "uni-xz", "newkey", "newval"))).isEmpty();
        assertThat(assertOk(imgsh.run("image", "show", "uni-xz"))).isEqualTo("""
                auto_update: false
                properties:
                  description: ImgshTest 1.0 unified
                  newkey: newval
                  os: edited-os
                  release: "1.0"
                  variant: default
                public: false
                expires_at: 1970-01-01T00:00:00Z
                profiles:
                - default
                """);
        assertThat(assertOk(imgsh.run("image", "unset-property", "uni-xz", "newkey"))).isEmpty();
        // unsetting a missing key is silent and succeeds
        assertThat(assertOk(imgsh.run("image", "unset-property", "uni-xz", "newkey"))).isEmpty();
        assertThat(assertOk(imgsh.run("image", "get-property", "uni-xz", "os"))).isEqualTo("edited-os\n");
        assertError(imgsh.run("image", "get-property", "uni-xz", "newkey"), 1, "Error: Property not found");
    }

    @Test
    void setPropertyKeepsTheOtherWritableFields() {
        assertOk(imgsh.runWithStdin("""
                auto_update: true
                public: true
                expires_at: 2030-01-01T00:00:00Z
                properties:
                  os: x
                profiles: []
                """, "image", "edit", "uni-xz"));
        assertOk(imgsh.run("image", "set-property", "uni-xz", "k", "value with spaces"));
        assertThat(imgsh.ok("image", "show", "uni-xz")).isEqualTo("""
                auto_update: true
                properties:
                  k: value with spaces
                  os: x
                public: true
                expires_at: 2030-01-01T00:00:00Z
                profiles: []
                """);
        assertThat(imgsh.ok("image", "get-property", "uni-xz", "k")).isEqualTo("value with spaces\n");
    }

    @Test
    void referencesByPrefixAndRemote() {
        String fp = imgsh.ok("image", "list", "-c", "F", "--format", "csv").strip();
        assertThat(assertOk(imgsh.run("image", "get-property", fp.substring(0, 5), "variant")))
                .isEqualTo("default\n");
        assertThat(assertOk(imgsh.run("image", "get-property", "local:uni-xz", "variant"))).isEqualTo("default\n");
        assertError(imgsh.run("image", "set-property", "nosuch", "a", "b"), 1, "Error: Image not found");
        assertError(imgsh.run("image", "unset-property", "far:uni-xz", "a"), 1,
                "Error: The remote \"far\" doesn't exist");
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        assertErrorContains(imgsh.run("image", "get-property", "uni-xz"), 2, "Missing required parameter");
        assertErrorContains(imgsh.run("image", "set-property", "uni-xz", "k"), 2, "Missing required parameter");
    }
}
