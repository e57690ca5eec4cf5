package io.imgsh.shell.command.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.remote.StreamsTree;
import io.imgsh.engine.remote.TestHttpsServer;
import io.imgsh.shell.ImgshRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteCommandTest {
    private static final String SEP = "+-----------------+------------------------------------------+---------------+"
            + "-------------+--------+--------+--------+\n";

    @TempDir
    Path dir;

    @Test
    void listShowsLxdsColumnsAndTheCurrentRemote() {
        ImgshRunner imgsh = new ImgshRunner(dir);
        assertThat(imgsh.ok("remote", "list")).isEqualTo(SEP
                + "|      NAME       |                   URL                    |   PROTOCOL    |  AUTH TYPE  | PUBLIC | STATIC | GLOBAL |\n"
                + SEP
                + "| images          | https://images.lxd.canonical.com         | simplestreams | none        | YES    | NO     | NO     |\n"
                + SEP
                + "| local (current) | unix://                                  | lxd           | file access | NO     | YES    | NO     |\n"
                + SEP
                + "| ubuntu          | https://cloud-images.ubuntu.com/releases | simplestreams | none        | YES    | YES    | NO     |\n"
                + SEP
                + "| ubuntu-daily    | https://cloud-images.ubuntu.com/daily    | simplestreams | none        | YES    | YES    | NO     |\n"
                + SEP);
        assertThat(imgsh.ok("remote", "get-default")).isEqualTo("local\n");
    }

    @Test
    void jsonAndYamlAreLxcsConfigurationOfTheRemotes() {
        ImgshRunner imgsh = new ImgshRunner(dir);
        imgsh.ok("remote", "remove", "images");
        assertThat(imgsh.ok("remote", "list", "-f", "json")).isEqualTo("{\"local\":{\"Addr\":\"unix://\",\"AuthType\":\"\","
                + "\"Domain\":\"\",\"Project\":\"\",\"Protocol\":\"\",\"Public\":false,\"Global\":false,\"Static\":true},"
                + "\"ubuntu\":{\"Addr\":\"https://cloud-images.ubuntu.com/releases\",\"AuthType\":\"\",\"Domain\":\"\","
                + "\"Project\":\"\",\"Protocol\":\"simplestreams\",\"Public\":true,\"Global\":false,\"Static\":true},"
                + "\"ubuntu-daily\":{\"Addr\":\"https://cloud-images.ubuntu.com/daily\",\"AuthType\":\"\",\"Domain\":\"\","
                + "\"Project\":\"\",\"Protocol\":\"simplestreams\",\"Public\":true,\"Global\":false,\"Static\":true}}\n");
        assertThat(imgsh.ok("remote", "list", "-f", "yaml")).isEqualTo("""
                local:
                  addr: unix://
                  public: false
                ubuntu:
                  addr: https://cloud-images.ubuntu.com/releases
                  protocol: simplestreams
                  public: true
                ubuntu-daily:
                  addr: https://cloud-images.ubuntu.com/daily
                  protocol: simplestreams
                  public: true
                """);
    }

    @Test
    void addSwitchRenameRemoveWithLxdsErrors() {
        ImgshRunner imgsh = new ImgshRunner(dir);
        try (TestHttpsServer server = new TestHttpsServer()) {
            new StreamsTree(server).publish();
            imgsh.ok("remote", "add", "ss", server.base().toString(), "--protocol", "simplestreams",
                    "--accept-certificate");
            assertThat(imgsh.ok("remote", "list", "-f", "csv")).contains("ss," + server.base()
                    + ",simplestreams,none,YES,NO,NO\n");
            assertThat(imgsh.run("remote", "add", "ss", "https://x", "--protocol", "simplestreams").err())
                    .isEqualTo("Error: Remote ss exists as <" + server.base() + ">\n");
            imgsh.ok("remote", "switch", "ss");
            assertThat(imgsh.ok("remote", "get-default")).isEqualTo("ss\n");
            assertThat(imgsh.ok("image", "list", "-f", "csv")).isEmpty();
            assertThat(imgsh.run("remote", "remove", "ss").err()).isEqualTo("Error: Can't remove the default remote\n");
            imgsh.ok("remote", "rename", "ss", "s2");
            assertThat(imgsh.ok("remote", "get-default")).isEqualTo("s2\n");
            imgsh.ok("remote", "switch", "local");
            imgsh.ok("remote", "remove", "s2");
        }
        assertThat(imgsh.run("remote", "remove", "s2").err()).isEqualTo("Error: Remote s2 doesn't exist\n");
        assertThat(imgsh.run("remote", "remove", "ubuntu").err())
                .isEqualTo("Error: Remote ubuntu is static and cannot be modified\n");
        assertThat(imgsh.run("image", "list", "nope:").err()).isEqualTo("Error: The remote \"nope\" doesn't exist\n");
        assertThat(imgsh.run("image", "info", "nope:x").err()).isEqualTo("Error: The remote \"nope\" doesn't exist\n");
    }

    @Test
    void anUnreachableRemoteIsAOneLineErrorNamingTheHost() {
        ImgshRunner imgsh = new ImgshRunner(dir);
        imgsh.ok("remote", "add", "nowhere", "https://imgsh-test.invalid", "--protocol", "simplestreams");
        ImgshRunner.Result r = imgsh.run("image", "list", "nowhere:");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error: Failed to connect to imgsh-test.invalid: unknown host\n");
        r = imgsh.run("image", "info", "nowhere:22.04");
        assertThat(r.err()).isEqualTo("Error: Failed to connect to imgsh-test.invalid: unknown host\n");
    }
}
