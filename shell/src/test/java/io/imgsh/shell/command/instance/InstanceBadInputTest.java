package io.imgsh.shell.command.instance;

import io.imgsh.shell.CliTest;
import org.junit.jupiter.api.Test;

/** Instance commands given what cannot work: one line on stderr, the right status, nothing changed. */
class InstanceBadInputTest extends CliTest {
    @Test
    void unknownInstancesImagesKeysAndArguments() {
        assertStoreUnchanged(() -> {
            assertError(imgsh.run("launch", "nosuch", "c1"), 1, "Error: Image not found");
            assertError(imgsh.run("init", "nosuch", "-c", "limits.memory=1G"), 1,
                    "Error: Invalid config: Unknown configuration key: limits.memory");
            assertError(imgsh.run("init", "nosuch", "bad_name"), 1, "Error: Invalid instance name \"bad_name\": names"
                    + " are 1 to 63 letters, digits and hyphens, start with a letter and do not end with a hyphen");
            assertError(imgsh.run("start", "c1"), 1, "Error: Instance not found");
            assertError(imgsh.run("stop", "--force", "c1"), 1, "Error: Instance not found");
            assertError(imgsh.run("file", "pull", "c1", "-"), 1,
                    "Error: Invalid source \"c1\": give it as NAME/PATH");
            assertError(imgsh.run("publish", "c1", "nosuch:"), 1, "Error: The remote \"nosuch\" doesn't exist");
            assertErrorContains(imgsh.run("publish", "c1", "junk"), 2, "Invalid argument \"junk\"");
            assertErrorContains(imgsh.run("exec", "c1"), 2, "COMMAND");
        });
    }
}
