package io.imgsh.shell.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.shell.ImgshRunner;
import io.imgsh.shell.TestImages;
import io.imgsh.shell.progress.LargeTarball;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH console of {@code imgsh serve} (a child JVM, SSH only, on a loopback port) used with the real OpenSSH
 * client: exec channels, scripts on stdin, the prompt through a pty, what is refused, and a daemon that keeps its
 * host key across restarts and applies its session limit and idle timeout.
 */
class SshConsoleTest {
    @TempDir
    static Path dir;
    static ImgshRunner imgsh;
    static SshDaemon daemon;
    static Path key;
    static SshClient client;
    static String fingerprint;

    @BeforeAll
    static void start() throws Exception {
        SshClient.require();
        key = SshClient.keygen(dir.resolve("admin_key"));
        Path authorized = Files.copy(dir.resolve("admin_key.pub"), dir.resolve("authorized_keys"));
        Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-------"));
        imgsh = new ImgshRunner(dir);
        fingerprint = imgsh.importImage(new TestImages(dir.resolve("images")).unified("u.tar.xz", Compression.XZ)
                .toString(), "--alias", "first");
        imgsh.ok("config", "set", "core.ssh_address", "127.0.0.1:0");
        imgsh.ok("config", "set", "core.ssh_authorized_keys", authorized.toString());
        daemon = SshDaemon.start(imgsh, dir, "serve");
        client = SshClient.of(dir, daemon.port, key);
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void aCommandLinePrintsWhatTheLocalOneShotPrintsAndExitsWithItsStatus() {
        for (String[] line : List.of(new String[] {"image", "list", "--format", "json"},
                new String[] {"image", "info", "first"}, new String[] {"--version"})) {
            ImgshRunner.Result remote = client.ssh(null, line);
            assertThat(remote.status()).as("%s", remote).isZero();
            assertThat(remote.out()).isEqualTo(imgsh.ok(line)).isNotEmpty();
            assertThat(remote.err()).isEmpty();
        }
        ImgshRunner.Result missing = client.ssh(null, "image", "info", "nosuch");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).isEqualTo("Error: Image not found\n");
        ImgshRunner.Result mistyped = client.ssh(null, "imgsh", "image", "lis");
        assertThat(mistyped.status()).isEqualTo(2);
        assertThat(mistyped.out()).isEmpty();
        assertThat(mistyped.err()).isEqualTo(imgsh.run("image", "lis").err());
        // one string, split as the prompt splits a line
        assertThat(client.ssh(null, "image list -c l --format csv 'first'").out()).isEqualTo("first\n");
    }

    @Test
    void aScriptOnStandardInputStopsAtItsFailingLine() {
        ImgshRunner.Result run = client.ssh("image alias create scripted " + fingerprint
                + "\nimage info nosuch\nimage alias create never " + fingerprint + "\n", "imgsh", "-f", "-");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("<stdin>:2: Image not found\n");
        assertThat(imgsh.ok("image", "alias", "list", "--format", "csv")).contains("scripted,").doesNotContain("never");
        imgsh.ok("image", "alias", "delete", "scripted");
    }

    @Test
    void onlyAKeyOfTheAuthorizedKeysFileLogsInAndEachLoginIsLogged() throws Exception {
        Path other = SshClient.keygen(dir.resolve("other_key"));
        ImgshRunner.Result wrongKey = SshClient.of(dir, daemon.port, other).ssh(null, "image", "list");
        ImgshRunner.Result noKey = SshClient.of(dir, daemon.port, null).with("-o", "PubkeyAuthentication=no")
                .ssh(null, "image", "list");
        ImgshRunner.Result password = client.with("-o", "PreferredAuthentications=password,keyboard-interactive")
                .ssh(null, "image", "list");
        for (ImgshRunner.Result refused : List.of(wrongKey, noKey, password)) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(255);
            assertThat(refused.err()).contains("Permission denied (publickey)");
            assertThat(refused.out()).isEmpty();
        }
        client.ssh(null, "image", "list");
        assertThat(daemon.log()).containsPattern("SSH login: admin from 127\\.0\\.0\\.1:\\d+ with key "
                + java.util.regex.Pattern.quote(SshClient.fingerprint(dir.resolve("admin_key.pub"))));
    }

    @Test
    void fileTransfersAndForwardingAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("payload.txt"), "payload\n");
        Path target = dir.resolve("copied.txt");
        String destination = "admin@127.0.0.1:" + target;
        ImgshRunner.Result sftp = client.run("put " + file + " " + target + "\n",
                client.command("sftp", "-b", "-", "admin@127.0.0.1"));
        ImgshRunner.Result scp = client.run(null, client.command("scp", file.toString(), destination));
        ImgshRunner.Result legacyScp = client.run(null, client.command("scp", "-O", file.toString(), destination));
        ImgshRunner.Result forward = client.with("-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9")
                .ssh(null, "image", "list");
        for (ImgshRunner.Result refused : List.of(sftp, scp, legacyScp, forward)) {
            assertThat(refused.status()).as("%s", refused).isNotZero();
        }
        assertThat(sftp.err()).contains("subsystem request failed");
        assertThat(forward.err()).contains("remote port forwarding failed");
        assertThat(target).doesNotExist();
    }

    @Test
    void twoSessionsEachKeepTheirDefaultRemoteAndSeeEachOthersChanges() throws Exception {
        try (PtySession a = new PtySession(client, "dumb"); PtySession b = new PtySession(client, "dumb")) {
            a.await(0, "imgsh local> ");
            b.await(0, "imgsh local> ");
            a.run("remote switch ubuntu", "imgsh ubuntu> ");
            assertThat(a.run("remote get-default", "imgsh ubuntu> ").lines()).last().isEqualTo("ubuntu");
            assertThat(b.run("remote get-default", "imgsh local> ").lines()).last().isEqualTo("local");
            a.run("image alias create local:shared " + fingerprint, "imgsh ubuntu> ");
            assertThat(b.run("image alias list --format csv", "imgsh local> "))
                    .contains("shared," + fingerprint.substring(0, 12));
            assertThat(a.end("exit 3\n")).isEqualTo(3);
            assertThat(b.end("exit\n")).isZero();
        }
        assertThat(imgsh.ok("remote", "get-default")).isEqualTo("local\n");
        imgsh.ok("image", "alias", "delete", "shared");
    }

    @Test
    void twoAdminsEditingOneImageTheSecondSaveIsAConflict() throws Exception {
        try (PtySession editor = PtySession.onTerminal(client)) {
            int at = editor.await(0, "imgsh local> ");
            editor.send("image edit " + fingerprint + "\r");
            at = editor.await(at, "Ctrl-S save");
            ImgshRunner.Result other = client.ssh(null, "image", "set-property", fingerprint, "edited-by", "other");
            assertThat(other.status()).as(other.err()).isZero();
            editor.send("\r\u0013"); // a change (a blank line), then Ctrl-S
            at = editor.await(at, "Conflict: the image changed since it was opened");
            editor.send("\u001b\u001b");
            editor.await(at, "imgsh local> ");
            assertThat(editor.end("exit\r")).isZero();
        }
        assertThat(imgsh.ok("image", "get-property", fingerprint, "edited-by")).isEqualTo("other\n");
        imgsh.ok("image", "unset-property", fingerprint, "edited-by");
    }

    @Test
    void thePromptInATerminalCompletesBrowsesAndFollowsAResizeKeepsHistoryAndLeavesOnCtrlD() throws Exception {
        try (PtySession prompt = PtySession.onTerminal(client)) {
            int at = prompt.await(0, "imgsh local> ");
            prompt.send("image li\t");
            at = prompt.await(at, "list ");
            prompt.send("\u0015image browse\r"); // Ctrl-U drops the completed line first
            at = prompt.await(at, "sorted by ALIAS");
            at = prompt.await(at, "\u001b[24;1H"); // the last of 24 rows drawn
            prompt.resize(60, 15);
            at = prompt.await(at, "\u001b[15;1H"); // redrawn for 15 rows: nothing else draws meanwhile
            prompt.send("q");
            prompt.await(at, "imgsh local> ");
            assertThat(prompt.end("exit 4\r")).isEqualTo(4);
        }
        // the user's history, under the store
        assertThat(Files.readString(imgsh.home().resolve("ssh-history/admin"))).contains("image browse\n");
        try (PtySession prompt = new PtySession(client, "xterm")) {
            prompt.await(0, "imgsh local> ");
            assertThat(prompt.end("\u0004")).isZero();
        }
    }

    @Test
    void ctrlCAtThePromptStopsARunningImportWhichLeavesNothingBehind() throws Exception {
        Path pipe = dir.resolve("interrupted.tar");
        Thread writer = LargeTarball.fifo(pipe, 4096L << 20);
        List<String> before = names(imgsh.home().resolve("images"));
        Path tmp = imgsh.home().resolve("tmp");
        try (PtySession prompt = PtySession.onTerminal(client)) {
            int at = prompt.await(0, "imgsh local> ");
            prompt.send("image import " + pipe + " --alias interrupted\r");
            await(() -> LargeTarball.largestFile(tmp) >= 16L << 20, "the import got going");
            prompt.send("\u0003");
            prompt.await(at + 1, "imgsh local> ");
            await(() -> names(tmp).isEmpty(), "the import's partial file was removed");
            assertThat(prompt.end("exit 0\r")).isZero();
        }
        writer.join(30_000);
        assertThat(writer.isAlive()).as("the import stopped reading").isFalse();
        assertThat(names(imgsh.home().resolve("images"))).isEqualTo(before);
        assertThat(imgsh.ok("image", "alias", "list", "--format", "csv")).doesNotContain("interrupted");
    }

    @Test
    void aClientThatGoesAwayDuringAnImportLeavesNothingBehindAndTheDaemonGoesOn() throws Exception {
        Path pipe = dir.resolve("big.tar");
        Thread writer = LargeTarball.fifo(pipe, 4096L << 20);
        List<String> before = names(imgsh.home().resolve("images"));
        Process ssh = client.builder(client.command("ssh", "admin@127.0.0.1", "image", "import", pipe.toString(),
                "--alias", "big")).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(dir.resolve("import.out").toFile()).redirectError(dir.resolve("import.err").toFile())
                .start();
        Path tmp = imgsh.home().resolve("tmp");
        await(() -> LargeTarball.largestFile(tmp) >= 16L << 20, "the import got going");
        ssh.destroy();
        assertThat(ssh.waitFor(30, TimeUnit.SECONDS)).isTrue();
        await(() -> names(tmp).isEmpty(), "the import's partial file was removed");
        writer.join(30_000);
        assertThat(writer.isAlive()).as("the import stopped reading").isFalse();
        assertThat(names(imgsh.home().resolve("images"))).isEqualTo(before);
        ImgshRunner.Result after = client.ssh(null, "image", "alias", "list", "--format", "csv");
        assertThat(after.status()).isZero();
        assertThat(after.out()).doesNotContain("big");
    }

    @Test
    void aRestartKeepsTheHostKeyAndTheSessionLimitAndIdleTimeoutApply() throws Exception {
        Path other = Files.createDirectories(dir.resolve("second"));
        ImgshRunner second = new ImgshRunner(other);
        second.ok("config", "set", "core.ssh_address", "127.0.0.1:0");
        second.ok("config", "set", "core.ssh_authorized_keys", dir.resolve("authorized_keys").toString());
        second.ok("config", "set", "core.ssh_max_sessions", "1");
        String hostKey;
        try (SshDaemon first = SshDaemon.start(second, other, "first")) {
            hostKey = first.hostKey;
            SshClient to = new SshClient(other, first.port, key, other.resolve("known_hosts"), List.of());
            Process held = to.builder(to.command("ssh", "admin@127.0.0.1", "imgsh", "-f", "-"))
                    .redirectOutput(other.resolve("held.out").toFile()).redirectError(other.resolve("held.err").toFile())
                    .start();
            await(() -> first.log().contains("SSH login"), "the first session logged in");
            ImgshRunner.Result refused = to.with("-o", "LogLevel=INFO").ssh(null, "image", "list");
            assertThat(refused.status()).isEqualTo(255);
            assertThat(refused.err()).contains("imgsh: 1 SSH sessions are open, the most allowed"
                    + " (core.ssh_max_sessions); try again later");
            held.getOutputStream().write("remote get-default\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            held.getOutputStream().close();
            assertThat(held.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(held.exitValue()).isZero();
            assertThat(Files.readString(other.resolve("held.out"))).isEqualTo("local\n");
        }
        second.ok("config", "set", "core.ssh_idle_timeout", "1");
        try (SshDaemon restarted = SshDaemon.start(second, other, "restarted")) {
            assertThat(restarted.hostKey).isEqualTo(hostKey);
            SshClient strict = new SshClient(other, restarted.port, key, other.resolve("known_hosts"),
                    List.of("-o", "StrictHostKeyChecking=yes", "-o", "HostKeyAlias=imgsh-second"));
            // the known host was recorded under its first port: record it under an alias port-independently
            Files.writeString(other.resolve("known_hosts"), Files.readString(other.resolve("known_hosts"))
                    .replaceFirst("^\\[127\\.0\\.0\\.1]:\\d+", "imgsh-second"));
            assertThat(strict.ssh(null, "--version").status()).isZero();

            Process idle = strict.builder(strict.command("ssh", "admin@127.0.0.1", "imgsh", "-f", "-"))
                    .redirectOutput(other.resolve("idle.out").toFile()).redirectError(other.resolve("idle.err").toFile())
                    .start();
            assertThat(idle.waitFor(60, TimeUnit.SECONDS)).as("the idle session was closed").isTrue();
            assertThat(idle.exitValue()).isEqualTo(255);
            idle.getOutputStream().close();
        }
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void await(Condition condition, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static List<String> names(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return new ArrayList<>(files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
