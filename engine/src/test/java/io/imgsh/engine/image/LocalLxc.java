package io.imgsh.engine.image;

import io.imgsh.engine.remote.lxd.LxdPeer;
import io.imgsh.store.E2e;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real {@code lxc} client on the LXD peer's unix socket (its {@code local:} remote), with a client configuration
 * of the test's own, so that nothing in the shared one is used or changed.
 */
final class LocalLxc {
    private static final Path PEER_DIR = Path.of(System.getenv().getOrDefault("LXD_PEER_DIR", "/tmp/lxdpeer"));

    private final Path dir;

    private LocalLxc(Path dir) {
        this.dir = dir;
    }

    /** The client, or a skipped test (a failed one under {@code IMGSH_REQUIRE_E2E=1}) when the peer is missing. */
    static LocalLxc require(Path dir) throws IOException {
        LxdPeer.require();
        E2e.require(Files.exists(PEER_DIR.resolve("unix.socket")),
                "the LXD peer's unix socket is missing: " + PEER_DIR.resolve("unix.socket"));
        return new LocalLxc(Files.createDirectories(dir));
    }

    /** Runs {@code lxc ARGS…}; returns its standard output, failing the test when it fails. */
    String run(String... args) {
        return runWithStdin(null, args);
    }

    /** Runs {@code lxc ARGS…} with {@code stdin} (null: none). */
    String runWithStdin(String stdin, String... args) {
        return LxdPeer.lxc(dir.resolve("conf"), stdin, args);
    }

    /** Deletes the images with these fingerprints from the peer, if it still has them. */
    void deleteImages(Iterable<String> fingerprints) {
        String listed = run("image", "list", "local:", "--format", "csv", "-c", "F");
        for (String fp : fingerprints) {
            if (listed.contains(fp)) {
                run("image", "delete", "local:" + fp);
            }
        }
    }
}
