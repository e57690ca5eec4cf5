package io.imgsh.shell.command.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.remote.TestHttpsServer;
import io.imgsh.shell.ImgshRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code image import https://…} through {@code Imgsh.run}: output, one-line errors and exit codes. */
class DirectImportCommandTest {
    static final String ALLOWED = "images.direct_allowed_hosts";

    @TempDir
    Path dir;
    TestHttpsServer server;
    ImgshRunner imgsh;
    String fp;
    String hostPort;

    @BeforeEach
    void setUp() {
        server = new TestHttpsServer();
        hostPort = "127.0.0.1:" + server.base().getPort();
        byte[] image = ImageFixture.unifiedTar(ImageFixture.metadata("Direct 1.0")).build(Compression.XZ);
        fp = ImageFixture.sha256(image);
        server.put("/img.tar.xz", image);
        server.directImage("/latest", fp, "img.tar.xz");
        imgsh = new ImgshRunner(dir);
        // the test server's certificate is self-signed: pin it with a remote for the same origin
        imgsh.ok("remote", "add", "pin", server.base().toString(), "--protocol", "simplestreams",
                "--accept-certificate");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static void assertError(ImgshRunner.Result r, int status, String line) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.errLines()).as("stderr of %s", r).containsExactly(line);
        assertThat(r.out()).as("stdout of %s", r).isEmpty();
    }

    @Test
    void importsFromAnAllowedHost() {
        imgsh.ok("config", "set", ALLOWED, hostPort);
        ImgshRunner.Result r = imgsh.run("image", "import", server.url("/latest"), "--alias", "direct", "--public",
                "description=From the web", "tag=a=b");
        assertThat(r.status()).as("%s", r).isZero();
        assertThat(r.out()).isEqualTo("Image imported with fingerprint: " + fp + "\n");
        assertThat(r.err()).isEmpty();
        String info = imgsh.ok("image", "info", "direct");
        assertThat(info).startsWith("Fingerprint: " + fp + "\n").contains("Public: yes\n")
                .contains("Source:\n    Server: " + server.url("/latest") + "\n    Protocol: direct\n    Alias: " + fp
                        + "\n")
                .contains("description: From the web").contains("tag: a=b");
        assertThat(server.requests()).containsExactly("HEAD /latest", "GET /img.tar.xz");

        // a query string with '=' is part of the URL, not a property
        server.directImage("/pick", fp, "img.tar.xz");
        assertError(imgsh.run("image", "import", server.url("/pick") + "?arch=x86_64"), 1,
                "Error: Image with same fingerprint already exists");
        assertThat(server.requests()).endsWith("HEAD /pick");
    }

    @Test
    void refusalsAreOneLineAndLeaveTheStoreAlone() {
        String before = imgsh.snapshot();
        String url = server.url("/latest");
        assertError(imgsh.run("image", "import", url), 1, "Error: Importing images from URLs is disabled: list the"
                + " hosts to allow in " + ALLOWED + " (config set " + ALLOWED + " images.example.org,other:8443)");
        String http = "http://" + hostPort + "/latest";
        assertError(imgsh.run("image", "import", http), 1,
                "Error: Only https:// URLs can be imported: the URL " + http + " uses http://");
        assertThat(server.requests()).isEmpty();

        imgsh.ok("config", "set", ALLOWED, "images.example.org");
        String withList = imgsh.snapshot();
        assertError(imgsh.run("image", "import", url), 1, "Error: Host " + hostPort + " (the URL " + url
                + ") is not in " + ALLOWED + "; add it there to allow importing from it");
        assertThat(server.requests()).isEmpty();
        assertThat(imgsh.snapshot()).isEqualTo(withList);

        imgsh.ok("config", "set", ALLOWED, hostPort);
        server.directImage("/nohash", null, "img.tar.xz");
        server.directImage("/nourl", fp, null);
        server.directImage("/wrong", ImageFixture.sha256(new byte[] {1}), "img.tar.xz");
        server.directImage("/away", fp, "https://localhost:" + server.base().getPort() + "/img.tar.xz");
        String set = imgsh.snapshot();
        assertError(imgsh.run("image", "import", server.url("/nohash")), 1, "Error: Missing LXD-Image-Hash header");
        assertError(imgsh.run("image", "import", server.url("/nourl")), 1, "Error: Missing LXD-Image-URL header");
        ImgshRunner.Result mismatch = imgsh.run("image", "import", server.url("/wrong"), "--alias", "w");
        assertThat(mismatch.status()).isEqualTo(1);
        assertThat(mismatch.errLines()).singleElement().asString()
                .startsWith("Error: Hash mismatch: " + server.url("/img.tar.xz") + " has SHA-256 " + fp);
        assertThat(imgsh.run("image", "import", server.url("/away")).err())
                .startsWith("Error: Host localhost:" + server.base().getPort() + " (the LXD-Image-URL ")
                .hasLineCount(1);
        assertThat(imgsh.snapshot()).isEqualTo(set);

        imgsh.ok("config", "set", "images.max_download_size", "10");
        assertThat(imgsh.run("image", "import", url).err())
                .startsWith("Error: The image at " + server.url("/img.tar.xz") + " is ").endsWith(
                        "bytes, more than images.max_download_size (10 bytes)\n");
        assertThat(before).isNotEqualTo(set); // only the configuration changed
    }

    @Test
    void usageAndConfigErrors() {
        ImgshRunner.Result two = imgsh.run("image", "import", server.url("/latest"), server.url("/other"));
        assertThat(two.status()).isEqualTo(2);
        assertThat(two.err()).contains("Expected one https:// URL and no files when importing from a URL");
        assertError(imgsh.run("config", "set", ALLOWED, "https://images.example.org"), 1,
                "Error: cannot set '" + ALLOWED + "' to 'https://images.example.org': invalid host"
                        + " 'https://images.example.org': expected a host name or host:port, without scheme, path or"
                        + " wildcard");
        assertError(imgsh.run("config", "set", "images.max_download_size", "0"), 1,
                "Error: cannot set 'images.max_download_size' to '0': must be a positive number of bytes");
        assertThat(server.requests()).isEmpty();
    }
}
