package io.imgsh.shell.command.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.remote.Tls;
import io.imgsh.engine.remote.TlsIdentity;
import io.imgsh.engine.remote.lxd.LxdPeer;
import io.imgsh.shell.ImgshRunner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code remote add} and the image commands on {@code peer:} references, against the real LXD 5.0.2 peer. */
class LxdRemoteCommandTest {
    @TempDir
    Path dir;
    LxdPeer peer;
    ImgshRunner imgsh;

    @BeforeEach
    void setUp() {
        peer = LxdPeer.require();
        imgsh = new ImgshRunner(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (peer == null) {
            return;
        }
        Path config = dir.resolve("user/.config/imgsh");
        if (TlsIdentity.exists(config, TlsIdentity.Role.CLIENT)) {
            peer.untrustLater(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(TlsIdentity.load(config, TlsIdentity.Role.CLIENT).certificate().getEncoded())));
        }
        peer.cleanUp();
    }

    @Test
    void publicRemoteListInfoCopyExport() throws Exception {
        String aSplit = LxdPeer.unique("c-split");
        String aPriv = LxdPeer.unique("c-priv");
        Path[] split = LxdPeer.splitImage(dir, LxdPeer.unique("csplit"), 100_000);
        String fpSplit = peer.importImage(aSplit, true, split);
        String fpPriv = peer.importImage(aPriv, false, LxdPeer.unifiedImage(dir, LxdPeer.unique("cpriv")));

        assertThat(imgsh.ok("remote", "add", "peer", LxdPeer.URL, "--public", "--accept-certificate")).isEmpty();
        assertThat(imgsh.ok("remote", "list", "-f", "csv")).contains("peer," + LxdPeer.URL + ",lxd,tls,YES,NO,NO\n");
        assertThat(imgsh.ok("image", "list", "peer:", "-c", "lf", "-f", "csv"))
                .contains(aSplit + "," + fpSplit.substring(0, 12) + "\n").doesNotContain(fpPriv.substring(0, 12));
        assertThat(imgsh.ok("image", "list", "peer:" + aSplit, "architecture=x86_64", "-c", "F", "-f", "csv"))
                .isEqualTo(fpSplit + "\n");
        assertThat(imgsh.ok("image", "info", "peer:" + aSplit)).startsWith("Fingerprint: " + fpSplit + "\n")
                .contains("Public: yes\n");
        assertThat(imgsh.ok("image", "show", "peer:" + aSplit)).contains("public: true\n");
        assertThat(imgsh.run("image", "info", "peer:" + aPriv).err()).isEqualTo("Error: Image not found\n");
        assertThat(imgsh.run("image", "alias", "list", "peer:").err()).isEqualTo("Error: not authorized\n");

        assertThat(imgsh.ok("image", "copy", "peer:" + aSplit, "local:", "--alias", "s"))
                .isEqualTo("Image copied successfully!\n");
        assertThat(imgsh.ok("image", "list", "local:", "-c", "lF", "-f", "csv")).isEqualTo("s," + fpSplit + "\n");
        assertThat(imgsh.ok("image", "info", "s")).contains("Source:\n    Server: " + LxdPeer.URL
                + "\n    Protocol: lxd\n    Alias: " + aSplit + "\n");
        assertThat(imgsh.run("image", "copy", "peer:" + aPriv, "local:").err()).isEqualTo("Error: Image not found\n");

        Path out = Files.createDirectories(dir.resolve("out"));
        assertThat(imgsh.ok("image", "export", "peer:" + aSplit, out.toString()))
                .isEqualTo("Image exported successfully!\n");
        assertThat(Files.readAllBytes(out.resolve("meta-" + fpSplit + ".tar.xz")))
                .isEqualTo(Files.readAllBytes(split[0]));
        assertThat(Files.readAllBytes(out.resolve(fpSplit + ".tar.xz"))).isEqualTo(Files.readAllBytes(split[1]));
        assertThat(imgsh.run("image", "export", "peer:" + aSplit, "-").err())
                .isEqualTo("Error: A split image cannot be exported to standard output; give a target path\n");
        // a remote added as public is read-only, as in lxc: refused before anything is asked of the server
        for (List<String> write : List.of(List.of("delete", "peer:" + aSplit), List.of("alias", "delete", "peer:x"),
                List.of("set-property", "peer:" + aSplit, "k", "v"), List.of("refresh", "peer:" + aSplit))) {
            List<String> args = new ArrayList<>(List.of("image"));
            args.addAll(write);
            assertThat(imgsh.run(args.toArray(String[]::new)).err()).as("%s", write)
                    .isEqualTo("Error: The remote isn't a private LXD server\n");
        }
    }

    @Test
    void inATerminalTheCertificateAndThePasswordAreAskedAsLxcAsks() throws Exception {
        String fingerprint = Tls.fingerprint(new Tls().fetchCertificatePem(URI.create(LxdPeer.URL)));
        ImgshRunner.Result no = imgsh.runRaw("n\n".getBytes(StandardCharsets.UTF_8), true,
                imgsh.withHome("remote", "add", "peert", LxdPeer.URL));
        assertThat(no.status()).isEqualTo(1);
        assertThat(no.out()).isEqualTo("Certificate fingerprint: " + fingerprint + "\nok (y/n/[fingerprint])? ");
        assertThat(no.errLines()).last().isEqualTo("Error: Server certificate NACKed by user");
        assertThat(imgsh.runRaw("maybe\n".getBytes(StandardCharsets.UTF_8), true,
                imgsh.withHome("remote", "add", "peert", LxdPeer.URL)).errLines())
                .containsExactly("Error: Please type 'y', 'n' or the fingerprint:");

        ImgshRunner.Result yes = imgsh.runRaw((fingerprint + "\n" + LxdPeer.PASSWORD + "\n")
                .getBytes(StandardCharsets.UTF_8), true, imgsh.withHome("remote", "add", "peert", LxdPeer.URL));
        assertThat(yes.status()).as("%s", yes).isZero();
        assertThat(yes.out()).isEqualTo("Certificate fingerprint: " + fingerprint + "\nok (y/n/[fingerprint])? "
                + "Admin password (or token) for peert: \nClient certificate now trusted by server: peert\n");
        assertThat(imgsh.ok("remote", "list", "-f", "csv")).contains("peert," + LxdPeer.URL + ",lxd,tls,NO,NO,NO\n");

        // without a terminal the flags stay required
        ImgshRunner.Result piped = imgsh.runRaw("y\n".getBytes(StandardCharsets.UTF_8), false,
                imgsh.withHome("remote", "add", "again", LxdPeer.URL));
        assertThat(piped.errLines()).containsExactly("Error: The certificate of 127.0.0.1 is not trusted; add the "
                + "remote with --accept-certificate to pin it");
    }

    @Test
    void trustedRemoteWithThePassword() throws Exception {
        ImgshRunner.Result wrong = imgsh.run("remote", "add", "peert", LxdPeer.URL, "--password", "wrong",
                "--accept-certificate");
        assertThat(wrong.status()).isEqualTo(1);
        assertThat(wrong.err()).isEqualTo("Generating a client certificate. This may take a minute...\n"
                + "Error: not authorized\n");
        assertThat(imgsh.ok("remote", "list", "-f", "csv")).doesNotContain("peert");
        ImgshRunner.Result ok = imgsh.run("remote", "add", "peert", LxdPeer.URL, "--password", LxdPeer.PASSWORD,
                "--accept-certificate");
        assertThat(ok.err()).isEmpty();
        assertThat(ok.out()).isEqualTo("Client certificate now trusted by server: peert\n");
        assertThat(imgsh.ok("remote", "list", "-f", "csv")).contains("peert," + LxdPeer.URL + ",lxd,tls,NO,NO,NO\n");

        // Push a local image, work on it there, delete it.
        Path uni = LxdPeer.unifiedImage(dir, LxdPeer.unique("cpush"));
        imgsh.ok("image", "import", uni.toString(), "--alias", "loc");
        String fp = imgsh.ok("image", "list", "loc", "-c", "F", "-f", "csv").trim();
        peer.forget(fp);
        String alias = LxdPeer.unique("c-pushed");
        assertThat(imgsh.ok("image", "copy", "loc", "peert:", "--alias", alias))
                .isEqualTo("Image copied successfully!\n");
        assertThat(imgsh.ok("image", "list", "peert:" + alias, "-c", "lFp", "-f", "csv"))
                .isEqualTo(alias + "," + fp + ",no\n");
        assertThat(imgsh.ok("image", "alias", "list", "peert:", alias, "-f", "csv"))
                .contains(alias + "," + fp.substring(0, 12) + ",CONTAINER,\n");
        imgsh.ok("image", "set-property", "peert:" + alias, "colour", "blue");
        assertThat(imgsh.ok("image", "get-property", "peert:" + alias, "colour")).isEqualTo("blue\n");
        assertThat(LxdPeer.lxc("image", "get-property", alias, "colour")).isEqualTo("blue\n");
        imgsh.ok("image", "unset-property", "peert:" + alias, "colour");
        assertThat(imgsh.run("image", "get-property", "peert:" + alias, "colour").status()).isEqualTo(1);
        ImgshRunner.Result edit = imgsh.runWithStdin("auto_update: true\nproperties:\n  os: edited\npublic: false\n",
                "image", "edit", "peert:" + alias);
        assertThat(edit.status()).as(edit.err()).isZero();
        assertThat(LxdPeer.lxc("image", "get-property", alias, "os")).isEqualTo("edited\n");
        assertThat(LxdPeer.lxc("image", "show", alias)).contains("auto_update: true");
        assertThat(imgsh.runWithStdin("public: notabool\n", "image", "edit", "peert:" + alias).err())
                .startsWith("Error: yaml: unmarshal errors: line 1: cannot unmarshal !!str `notabool` into bool");
        imgsh.ok("image", "alias", "create", "peert:" + alias + "-2", fp.substring(0, 12));
        assertThat(LxdPeer.lxc("image", "alias", "list", "-f", "csv")).contains(alias + "-2," + fp.substring(0, 12));
        imgsh.ok("image", "alias", "delete", "peert:" + alias + "-2");
        assertThat(LxdPeer.lxc("image", "alias", "list", "-f", "csv")).doesNotContain(alias + "-2");
        // the server is asked to refresh its own image; it says why it cannot, as `lxc image refresh` prints it
        assertThat(imgsh.run("image", "refresh", "peert:" + alias).err()).isEqualTo("Error: Failed to update image \""
                + fp + "\" in project \"default\": Image source not found\n");

        imgsh.ok("image", "delete", "loc");
        assertThat(imgsh.ok("image", "copy", "peert:" + alias, "local:", "--alias", "back"))
                .isEqualTo("Image copied successfully!\n");
        assertThat(imgsh.ok("image", "list", "back", "-c", "F", "-f", "csv")).isEqualTo(fp + "\n");

        imgsh.ok("image", "delete", "peert:" + alias);
        assertThat(peer.hasImage(fp)).isFalse();
    }
}
