package io.imgsh.shell.command.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.remote.StreamsTree;
import io.imgsh.engine.remote.TestHttpsServer;
import io.imgsh.shell.ImgshRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh store whose remote {@code ss} is a loopback simplestreams server with one product and its first version,
 * published as squashfs, and as root.tar.xz too when {@link #rootTarXz()} says so.
 */
abstract class StreamsRemoteTest {
    @TempDir
    Path dir;
    TestHttpsServer server;
    StreamsTree tree;
    ObjectNode product;
    StreamsTree.Version v1;
    ImgshRunner imgsh;

    abstract boolean rootTarXz();

    @BeforeEach
    void setUp() {
        server = new TestHttpsServer();
        tree = new StreamsTree(server);
        product = tree.product("p:1:amd64:default", "p", "1", "amd64", "p/1");
        v1 = tree.version(product, "20260101_0300", true, rootTarXz());
        tree.publish();
        imgsh = new ImgshRunner(dir);
        imgsh.ok("remote", "add", "ss", server.base().toString(), "--protocol", "simplestreams",
                "--accept-certificate");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }
}
