package io.imgsh.shell.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.Engine;
import io.imgsh.shell.Imgsh;
import io.imgsh.shell.ImgshRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions of the SSH console ({@link Session#remote}) run in this process on one shared engine: their own default
 * remote, the engine left open, and what only this process's own session may do refused.
 */
class RemoteSessionTest {
    @TempDir
    Path dir;
    private ImgshRunner local;
    private Engine engine;

    @BeforeEach
    void open() {
        local = new ImgshRunner(dir);
        local.ok("remote", "list"); // makes the store
        engine = Engine.open(local.home(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private record Run(int status, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
             Session session = Session.remote(new ByteArrayInputStream(new byte[0]), o, e, Map.of(), engine, null,
                     dir.resolve("history"))) {
            int status = Imgsh.run(session, args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aSessionSwitchesOnlyItsOwnDefaultRemoteAndLeavesTheEngineOpen() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             Session session = Session.remote(new ByteArrayInputStream(new byte[0]), o, o, Map.of(), engine, null,
                     dir.resolve("history"))) {
            assertThat(Imgsh.run(session, "remote", "switch", "ubuntu")).isZero();
            assertThat(Imgsh.run(session, "remote", "get-default")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("ubuntu\n");
            assertThat(Imgsh.run(session, "remote", "remove", "ubuntu")).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("Error: Can't remove the default remote\n");
        }
        assertThat(run("remote", "get-default").out()).isEqualTo("local\n");
        assertThat(local.ok("remote", "get-default")).isEqualTo("local\n");
        assertThat(engine.remotes().list()).isNotEmpty(); // still open after the sessions closed
    }

    @Test
    void whatOnlyTheDaemonsOwnProcessMayDoIsRefused() {
        Run home = run("--home", dir.resolve("elsewhere").toString(), "image", "list");
        assertThat(home.status()).isEqualTo(1);
        assertThat(home.err()).isEqualTo("Error: --home cannot be used over SSH: the console works on the store of"
                + " imgsh serve\n");
        Run serve = run("serve");
        assertThat(serve.status()).isEqualTo(1);
        assertThat(serve.err()).isEqualTo("Error: imgsh serve cannot run in an SSH session: the console is part of"
                + " it already\n");
    }
}
