package io.imgsh.store;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Requirements of tests that need something outside the JVM (an OS tool, the shared reference fixtures). Locally
 * a missing requirement skips the test with its reason; with {@code IMGSH_REQUIRE_E2E=1} (set by CI after
 * installing everything) it fails it.
 */
public final class E2e {
    private E2e() {
    }

    public static void require(boolean available, String reason) {
        if (available) {
            return;
        }
        if ("1".equals(System.getenv("IMGSH_REQUIRE_E2E"))) {
            fail("IMGSH_REQUIRE_E2E=1 but " + reason);
        }
        abort(reason); // skipped, with the reason in the report
    }

    public static void requireTools(String... tools) {
        for (String tool : tools) {
            require(onPath(tool), tool + " is not installed");
        }
    }

    /** The read-only {@code shared/} directory beside the checkout (system property {@code imgsh.shared}). */
    public static Path shared() {
        String configured = System.getProperty("imgsh.shared");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        return dir.toAbsolutePath().normalize();
    }

    /** {@code shared/peers/make-test-images.sh}, required to exist along with the tools it runs. */
    public static Path fixtureScript() {
        Path script = shared().resolve("peers/make-test-images.sh");
        require(Files.isReadable(script), "the reference fixture script is missing: " + script);
        requireTools("tar", "xz", "gzip", "sha256sum");
        return script;
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
