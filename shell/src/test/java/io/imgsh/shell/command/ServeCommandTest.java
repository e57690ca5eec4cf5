package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.remote.Tls;
import io.imgsh.engine.remote.lxd.LxdPeer;
import io.imgsh.shell.ChildImgsh;
import io.imgsh.shell.ImgshRunner;
import io.imgsh.store.E2e;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imgsh serve} in a process of its own, used by the real {@code lxc} 5.0.2 client and the real LXD 5.0.2
 * daemon as they use an LXD image server; stopped by SIGTERM, after which it exits 0.
 */
class ServeCommandTest {
    private static final Pattern SERVING = Pattern.compile("Serving images on (https://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    static Path dir;
    static ImgshRunner imgsh;
    static Process serve;
    static Path out;
    static Path err;
    static String url;
    static Path lxdConf;
    static String unified;
    static String split;
    static String hidden;
    static Path[] splitFiles;
    static Path unifiedFile;

    @BeforeAll
    static void start() throws Exception {
        E2e.requireTools("lxc");
        imgsh = new ImgshRunner(dir);
        unifiedFile = LxdPeer.unifiedImage(dir, LxdPeer.unique("serve-u"));
        splitFiles = LxdPeer.splitImage(dir, LxdPeer.unique("serve-s"), 200_000);
        unified = imgsh.importImage(unifiedFile.toString(), "--alias", "ubuntu/24.04", "--public");
        split = imgsh.importImage(splitFiles[0].toString(), splitFiles[1].toString(), "--alias", "split",
                "--public");
        hidden = imgsh.importImage(LxdPeer.unifiedImage(dir, LxdPeer.unique("serve-p")).toString(), "--alias",
                "private");
        out = dir.resolve("serve.out");
        err = dir.resolve("serve.err");
        serve = new ChildImgsh(imgsh).start(out.toFile(), err.toFile(), "serve", "--listen", "127.0.0.1:0");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (url == null) {
            Matcher m = SERVING.matcher(Files.readString(out));
            if (m.find()) {
                url = m.group(1);
            } else if (!serve.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("imgsh serve did not start: " + Files.readString(err));
            } else {
                Thread.sleep(100);
            }
        }
        lxdConf = Files.createDirectories(dir.resolve("lxd-conf"));
        lxc("remote", "add", "ours", url, "--public", "--accept-certificate");
    }

    @AfterAll
    static void stop() throws Exception {
        if (serve != null) {
            serve.destroyForcibly();
        }
    }

    /** {@code lxc ARGS…} with its own client configuration; the LXD peer's daemon is its {@code local:}. */
    static ImgshRunner.Result lxc(String... args) throws IOException, InterruptedException {
        return lxc(lxdConf, args);
    }

    /** {@code lxc ARGS…} with the client configuration in {@code conf}. */
    static ImgshRunner.Result lxc(Path conf, String... args) throws IOException, InterruptedException {
        return lxcWithStdin(conf, null, args);
    }

    /** {@link #lxc(Path, String...)}, reading {@code stdin} (null: nothing). */
    static ImgshRunner.Result lxcWithStdin(Path conf, String stdin, String... args)
            throws IOException, InterruptedException {
        Path input = stdin == null ? Path.of("/dev/null") : Files.writeString(Files.createTempFile(dir, "lxc", ".in"),
                stdin);
        Path stdout = Files.createTempFile(dir, "lxc", ".out");
        Path stderr = Files.createTempFile(dir, "lxc", ".err");
        Process p = startLxc(conf, input, stdout, stderr, args);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("lxc %s", args).isTrue();
        return new ImgshRunner.Result(p.exitValue(), Files.readAllBytes(stdout),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** Starts {@code lxc ARGS…} with the client configuration in {@code conf}, its output going to files. */
    static Process startLxc(Path conf, Path stdout, Path stderr, String... args) throws IOException {
        return startLxc(conf, Path.of("/dev/null"), stdout, stderr, args);
    }

    /** As above, reading {@code stdin}. */
    static Process startLxc(Path conf, Path stdin, Path stdout, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("lxc"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LXD_CONF", conf.toString());
        builder.environment().put("LXD_DIR", System.getenv().getOrDefault("LXD_PEER_DIR", "/tmp/lxdpeer"));
        builder.environment().put("HOME", dir.toString());
        return builder.redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    /**
     * Makes {@code lxc} with the configuration in {@code conf} a trusted client, as an administrator would: the
     * certificate it made is added with {@code imgsh config trust add}; returns its fingerprint.
     */
    static String trust(Path conf, String name) throws IOException, InterruptedException {
        // untrusted, lxc asks for a password it cannot read here; it has made its client certificate by then
        assertThat(lxc(conf, "remote", "add", name, url, "--accept-certificate").status()).isEqualTo(1);
        Path certificate = conf.resolve("client.crt");
        assertThat(certificate).exists();
        assertThat(imgsh.run("config", "trust", "add", certificate.toString(), "--name", name).status()).isZero();
        return Tls.fingerprint(Files.readString(certificate));
    }

    @Test
    void lxcListsShowsAndExportsThePublicImagesOnly() throws Exception {
        assertThat(lxc("image", "list", "ours:", "-c", "lFp", "-f", "csv").out()).isEqualTo(
                ("split," + split + ",yes\nubuntu/24.04," + unified + ",yes\n").lines().sorted()
                        .reduce("", (a, b) -> a + b + "\n"));
        assertThat(lxc("image", "info", "ours:ubuntu/24.04").out()).startsWith("Fingerprint: " + unified + "\n");
        assertThat(lxc("image", "show", "ours:split").out()).contains("public: true\n");

        Path exported = Files.createDirectories(dir.resolve("exported"));
        assertThat(lxc("image", "export", "ours:ubuntu/24.04", exported + "/").status()).isZero();
        assertThat(lxc("image", "export", "ours:split", exported + "/").status()).isZero();
        assertThat(Files.readAllBytes(exported.resolve(unified + ".tar.gz")))
                .isEqualTo(Files.readAllBytes(unifiedFile));
        assertThat(Files.readAllBytes(exported.resolve("meta-" + split + ".tar.xz")))
                .isEqualTo(Files.readAllBytes(splitFiles[0]));
        assertThat(Files.readAllBytes(exported.resolve(split + ".tar.xz"))).isEqualTo(Files.readAllBytes(splitFiles[1]));

        assertThat(lxc("image", "info", "ours:private").err()).isEqualTo("Error: Image not found\n");
        assertThat(lxc("image", "info", "ours:" + hidden.substring(0, 12)).err()).isEqualTo("Error: Image not found\n");
        assertThat(lxc("image", "alias", "list", "ours:").err()).isEqualTo("Error: not authorized\n");
        assertThat(lxc("image", "delete", "ours:split").err()).isEqualTo("Error: The remote isn't a private LXD server\n");
    }

    @Test
    void theTrustStoreDecidesWhoSeesThePrivateImages() throws Exception {
        String fingerprint = trust(lxdConf, "ourst");
        String listed = imgsh.ok("config", "trust", "list", "-f", "csv");
        assertThat(listed).startsWith("client,ourst,");
        assertThat(fingerprint).startsWith(listed.split(",")[3]);

        ImgshRunner.Result added = lxc("remote", "add", "ourst", url, "--accept-certificate");
        assertThat(added.status()).as(added.err()).isZero();
        assertThat(lxc("image", "list", "ourst:", "-c", "l", "-f", "csv").out()).contains("private\n");
        assertThat(lxc("image", "alias", "list", "ourst:", "-f", "csv").out()).contains("ubuntu/24.04,");

        imgsh.ok("config", "trust", "remove", fingerprint);
        assertThat(imgsh.ok("config", "trust", "list", "-f", "csv")).isEmpty();
        assertThat(lxc("image", "list", "ourst:", "-c", "l", "-f", "csv").out()).doesNotContain("private");
        assertThat(imgsh.run("config", "trust", "add", dir.resolve("nothing.crt").toString()).err())
                .startsWith("Error: open ");
        assertThat(imgsh.run("config", "trust", "add", unifiedFile.toString()).err())
                .isEqualTo("Error: Invalid certificate: not a PEM X.509 certificate\n");
    }

    @Test
    void lxcWithTheTrustPasswordBecomesTrustedAndAWrongOneAddsNothing() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("lxd-conf-password"));
        String password = LxdPeer.unique("pw");
        imgsh.ok("config", "set", "core.trust_password", password);
        try {
            ImgshRunner.Result wrong = lxc(conf, "remote", "add", "ourpw", url, "--password", "not-" + password,
                    "--accept-certificate");
            assertThat(wrong.status()).isEqualTo(1);
            assertThat(wrong.err()).endsWith("Error: not authorized\n");
            String fingerprint = Tls.fingerprint(Files.readString(conf.resolve("client.crt")));
            assertThat(imgsh.ok("config", "trust", "list", "-f", "csv")).doesNotContain(fingerprint.substring(0, 12));
            assertThat(lxc(conf, "remote", "list", "-f", "csv").out()).doesNotContain("ourpw");
            assertThat(Files.readString(err)).contains("Bad trust password from 127.0.0.1 (certificate "
                    + fingerprint + ")").doesNotContain(password);

            ImgshRunner.Result added = lxc(conf, "remote", "add", "ourpw", url, "--password", password,
                    "--accept-certificate");
            assertThat(added.status()).as(added.err()).isZero();
            assertThat(added.out() + added.err()).contains("Client certificate now trusted by server: ourpw");
            assertThat(imgsh.ok("config", "trust", "list", "-f", "csv")).contains(fingerprint.substring(0, 12));
            assertThat(lxc(conf, "image", "list", "ourpw:", "-c", "l", "-f", "csv").out()).contains("private\n");
            imgsh.ok("config", "trust", "remove", fingerprint);
        } finally {
            imgsh.ok("config", "unset", "core.trust_password");
        }
    }

    @Test
    void aTrustedLxcEditsRefreshesAndDeletesAnImageAndItsAliases() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("lxd-conf-writes"));
        String trusted = trust(conf, "ourw");
        String fp = imgsh.importImage(LxdPeer.unifiedImage(dir, LxdPeer.unique("serve-w")).toString(), "--alias",
                "writable");
        try {
            assertThat(lxc(conf, "remote", "add", "ourw", url, "--accept-certificate").status()).isZero();
            String shown = lxc(conf, "image", "show", "ourw:writable").out();
            ImgshRunner.Result edited = lxcWithStdin(conf, shown.replace("public: false", "public: true")
                    .replace("properties:\n", "properties:\n  edited: by-lxc\n"), "image", "edit", "ourw:writable");
            assertThat(edited.status()).as(edited.err()).isZero();
            assertThat(imgsh.ok("image", "show", "writable")).contains("public: true\n").contains("  edited: by-lxc\n");
            assertThat(lxc(conf, "image", "set-property", "ourw:writable", "os", "set-by-lxc").status()).isZero();
            assertThat(imgsh.ok("image", "show", "writable")).contains("  os: set-by-lxc\n");

            assertThat(lxc(conf, "image", "alias", "create", "ourw:release/1", fp.substring(0, 12)).status()).isZero();
            ImgshRunner.Result renamed = lxc(conf, "image", "alias", "rename", "ourw:release/1", "release/2");
            assertThat(renamed.status()).as(renamed.err()).isZero();
            assertThat(imgsh.ok("image", "alias", "list", "-f", "csv")).contains("release/2,")
                    .doesNotContain("release/1");
            assertThat(lxc(conf, "image", "alias", "delete", "ourw:release/2").status()).isZero();
            assertThat(imgsh.ok("image", "alias", "list", "-f", "csv")).doesNotContain("release/");

            // lxc follows the operations on /1.0/events; an image imported from a file has nothing to refresh from
            assertThat(lxc(conf, "image", "refresh", "ourw:writable").err())
                    .isEqualTo("Error: Failed to update image \"" + fp
                            + "\" in project \"default\": Image source not found\n");
            ImgshRunner.Result deleted = lxc(conf, "image", "delete", "ourw:writable");
            assertThat(deleted.status()).as(deleted.err()).isZero();
            assertThat(imgsh.run("image", "show", fp).err()).isEqualTo("Error: Image not found\n");
        } finally {
            imgsh.ok("config", "trust", "remove", trusted);
        }
    }

    @Test
    void lxcMonitorSeesTheStoreChangedByAnotherProcess() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("lxd-conf-monitor"));
        String fingerprint = trust(conf, "ourst");
        Path out = dir.resolve("monitor.out");
        Path monitorErr = dir.resolve("monitor.err");
        Process monitor = null;
        try {
            assertThat(lxc(conf, "remote", "add", "ourst", url, "--accept-certificate").status()).isZero();
            monitor = startLxc(conf, out, monitorErr, "monitor", "ourst:", "--type", "lifecycle");
            // lxc sees the changes made after it has connected: change the store until it has seen one
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains("source: /1.0/images/aliases/monitored\n")) {
                assertThat(monitor.isAlive()).as(Files.readString(monitorErr)).isTrue();
                assertThat(System.nanoTime()).as("lxc printed the event by now").isLessThan(deadline);
                imgsh.ok("image", "alias", "create", "monitored", unified);
                imgsh.ok("image", "alias", "delete", "monitored");
                Thread.sleep(500);
            }
            assertThat(Files.readString(out)).contains("  action: image-alias-created\n  context:\n    target: "
                    + unified + "\n  source: /1.0/images/aliases/monitored\n");
        } finally {
            if (monitor != null) {
                monitor.destroyForcibly();
            }
            imgsh.ok("config", "trust", "remove", fingerprint);
        }
    }

    @Test
    void anLxdDaemonPullsAnImageFromIt() throws Exception {
        LxdPeer peer = LxdPeer.require();
        try {
            peer.forget(unified);
            assertThat(lxc("image", "copy", "ours:ubuntu/24.04", "local:").status()).isZero();
            assertThat(peer.hasImage(unified)).isTrue();
            peer.forget(split);
            assertThat(lxc("image", "copy", "ours:split", "local:").status()).isZero();
            assertThat(peer.hasImage(split)).isTrue();
        } finally {
            peer.cleanUp();
        }
    }

    @Test
    void lxcImportsAndCopiesIntoItAsATrustedRemote() throws Exception {
        lxc("remote", "add", "ourup", url, "--accept-certificate"); // makes lxc's client certificate
        assertThat(imgsh.run("config", "trust", "add", lxdConf.resolve("client.crt").toString(), "--name", "up")
                .status()).isZero();
        String fingerprint = imgsh.ok("config", "trust", "list", "-f", "csv").split(",")[3];
        LxdPeer peer = LxdPeer.require();
        try {
            ImgshRunner.Result added = lxc("remote", "add", "ourup", url, "--accept-certificate");
            assertThat(added.status()).as(added.err()).isZero();

            Path file = LxdPeer.unifiedImage(dir, LxdPeer.unique("lxc-up"));
            ImgshRunner.Result imported = lxc("image", "import", file.toString(), "ourup:");
            assertThat(imported.status()).as(imported.err()).isZero();
            String uploaded = sha256(Files.readAllBytes(file));
            assertThat(imported.out()).contains("Image imported with fingerprint: " + uploaded);

            Path[] parts = LxdPeer.splitImage(dir, LxdPeer.unique("lxc-up-s"), 100_000);
            ImgshRunner.Result importedSplit = lxc("image", "import", parts[0].toString(), parts[1].toString(),
                    "ourup:");
            assertThat(importedSplit.status()).as(importedSplit.err()).isZero();
            String uploadedSplit = sha256(Files.readAllBytes(parts[0]), Files.readAllBytes(parts[1]));
            assertThat(importedSplit.out()).contains("Image imported with fingerprint: " + uploadedSplit);
            assertThat(lxc("image", "import", file.toString(), "ourup:").err())
                    .isEqualTo("Error: Image with same fingerprint already exists\n");

            Path pulled = LxdPeer.unifiedImage(dir, LxdPeer.unique("lxc-pull"));
            String peerImage = peer.importImage(LxdPeer.unique("peer-image"), true, pulled);
            ImgshRunner.Result copied = lxc("image", "copy", peerImage, "ourup:");
            assertThat(copied.status()).as(copied.err()).isZero();
            // a private image: lxc has the peer make a secret and passes it on
            String privateImage = peer.importImage(LxdPeer.unique("peer-private"), false,
                    LxdPeer.unifiedImage(dir, LxdPeer.unique("lxc-pull-private")));
            ImgshRunner.Result copiedPrivate = lxc("image", "copy", privateImage, "ourup:");
            assertThat(copiedPrivate.status()).as(copiedPrivate.err()).isZero();

            // push: the peer daemon uploads into imgsh with imgsh's upload token, and imgsh uploads into the peer
            String pushedHere = peer.importImage(LxdPeer.unique("peer-push"), false,
                    LxdPeer.unifiedImage(dir, LxdPeer.unique("lxc-push")));
            ImgshRunner.Result pushed = lxc("image", "copy", pushedHere, "ourup:", "--mode", "push", "--alias",
                    "pushed/here");
            assertThat(pushed.status()).as(pushed.err()).isZero();
            assertThat(imgsh.ok("image", "info", "pushed/here")).contains("Fingerprint: " + pushedHere);
            ImgshRunner.Result peerAdded = lxc("remote", "add", "peerh", LxdPeer.URL, "--password", LxdPeer.PASSWORD,
                    "--accept-certificate");
            assertThat(peerAdded.status()).as(peerAdded.err()).isZero();
            peer.untrustLater(Tls.fingerprint(Files.readString(lxdConf.resolve("client.crt"))));
            peer.forget(uploadedSplit);
            ImgshRunner.Result pushedThere = lxc("image", "copy", "ourup:" + uploadedSplit, "peerh:", "--mode",
                    "push");
            assertThat(pushedThere.status()).as(pushedThere.err()).isZero();
            assertThat(peer.hasImage(uploadedSplit)).isTrue();

            for (String fp : List.of(uploaded, uploadedSplit, peerImage, privateImage)) {
                assertThat(imgsh.run("image", "info", fp).status()).as(fp).isZero();
            }
            assertThat(imgsh.ok("image", "info", uploadedSplit)).contains("Type: container");
        } finally {
            peer.cleanUp();
            imgsh.ok("config", "trust", "remove", fingerprint);
        }
    }

    private static String sha256(byte[]... parts) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void sigtermStopsItAndItExitsZero() throws Exception {
        ImgshRunner other = new ImgshRunner(dir.resolve("other"));
        Path otherOut = dir.resolve("other.out");
        Path otherErr = dir.resolve("other.err");
        Process process = new ChildImgsh(other).start(otherOut.toFile(), otherErr.toFile(), "serve", "--listen",
                "127.0.0.1:0");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!SERVING.matcher(Files.readString(otherOut)).find()) {
                assertThat(process.isAlive()).as(Files.readString(otherErr)).isTrue();
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(100);
            }
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(otherErr)).isZero();
            assertThat(Files.readString(otherErr)).doesNotContain("Exception");
        } finally {
            process.destroyForcibly();
        }
        assertThat(other.run("serve").err())
                .isEqualTo("Error: No address to listen on: set core.https_address or core.ssh_address, or give"
                        + " --listen\n");
    }
}
