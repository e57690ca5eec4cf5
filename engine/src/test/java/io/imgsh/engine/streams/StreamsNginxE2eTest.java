package io.imgsh.engine.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.Tls;
import io.imgsh.engine.remote.direct.DirectImportRequest;
import io.imgsh.engine.remote.direct.DirectImporter;
import io.imgsh.engine.remote.lxd.LxdPeer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A tree built by imgsh, served by Debian's nginx over HTTPS on loopback, read by the real {@code lxc} 5.0.2 client
 * ({@code --protocol simplestreams}), copied into the real LXD peer, and imported by URL through the nginx include;
 * imgsh's own simplestreams and direct clients read it too. Every reader sees imgsh's fingerprints.
 */
class StreamsNginxE2eTest extends ImageFixtureTest {
    private static final Path PEER_DIR = Path.of(System.getenv().getOrDefault("LXD_PEER_DIR", "/tmp/lxdpeer"));

    @Test
    void lxcAndImgshListCopyAndImportFromATreeServedByNginx() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StreamsFixture images = new StreamsFixture(fx);
        String sq = images.squashfs("sq-" + run, "20260101_0300", true, "e2e-" + run + "/sq");
        String tar = images.rootTar("tar-" + run, "20260101_0300", "e2e-" + run + "/tar");
        String uni = images.unified("uni-" + run, "20260101_0300", "e2e-" + run + "/uni");
        Path tree = tmp.resolve("tree");
        fx.engine.streams().build(tree, new BuildOptions(List.of(), false, 0, false), Progress.NONE);

        try (Nginx nginx = Nginx.serve(tree, tmp.resolve("nginx"))) {
            // imgsh's simplestreams client
            fx.engine.remotes().add("x", nginx.url(), "simplestreams", false, true, null);
            Images remote = fx.engine.images("x");
            assertThat(remote.list(List.of())).extracting(Image::fingerprint).containsExactlyInAnyOrder(sq, tar, uni);
            try (ImageFixture other = new ImageFixture(tmp.resolve("other"), new Tls(trusting(nginx.certificate())))) {
                other.engine.remotes().add("x", nginx.url(), "simplestreams", false, true, null);
                for (String kind : List.of("sq", "tar", "uni")) {
                    other.engine.copies().copy(other.engine.images("x"), "e2e-" + run + "/" + kind, other.images(),
                            new CopyRequest(List.of(), false, false, false), Progress.NONE);
                }
                assertThat(other.images().list()).extracting(Image::fingerprint)
                        .containsExactlyInAnyOrder(sq, tar, uni);
                // imgsh's direct-protocol client through the include
                try (ImageFixture third = new ImageFixture(tmp.resolve("third"),
                        new Tls(trusting(nginx.certificate())))) {
                    third.engine.config().set(DirectImporter.ALLOWED_HOSTS_KEY, nginx.url().substring(8));
                    assertThat(third.engine.direct().importUrl(new DirectImportRequest(nginx.url() + "/e2e-" + run
                            + "/uni", List.of(), false, Map.of())).fingerprint()).isEqualTo(uni);
                }
            }

            // the real lxc client: list, then copy into the real LXD peer, which downloads from nginx itself
            Lxc.require();
            LxdPeer.require();
            Path conf = tmp.resolve("lxc");
            Lxc lxc = new Lxc(conf, PEER_DIR, nginx.certificate());
            lxc.run("remote", "add", "x", nginx.url(), "--protocol", "simplestreams");
            assertThat(lxc.run("image", "list", "x:", "--format", "csv", "-c", "F").lines())
                    .containsExactlyInAnyOrder(sq, tar, uni);
            assertThat(lxc.run("image", "alias", "list", "x:", "--format", "csv").lines()
                    .map(l -> l.substring(0, l.indexOf(',')))).contains("e2e-" + run + "/sq",
                    "e2e-" + run + "/sq/x86_64", "e2e-" + run + "/tar", "e2e-" + run + "/uni");
            // the daemon trusts the server through the certificate the client hands it (servercerts/x.crt)
            Files.createDirectories(conf.resolve("servercerts"));
            Files.copy(nginx.certificate(), conf.resolve("servercerts/x.crt"));
            List<String> onPeer = new ArrayList<>();
            try {
                for (String kind : List.of("sq", "tar", "uni")) {
                    lxc.run("image", "copy", "x:e2e-" + run + "/" + kind, "local:");
                }
                onPeer.addAll(List.of(sq, tar, uni));
                String listed = lxc.run("image", "list", "local:", "--format", "csv", "-c", "F");
                assertThat(listed.lines()).contains(sq, tar, uni);
            } finally {
                String listed = lxc.run("image", "list", "local:", "--format", "csv", "-c", "F");
                for (String fp : List.of(sq, tar, uni)) {
                    if (listed.contains(fp)) {
                        lxc.run("image", "delete", "local:" + fp);
                    }
                }
            }

            // lxc image import https://…/<alias>: a daemon fetches the URL and trusts only its system store
            try (PrivateLxd daemon = PrivateLxd.start(tmp.resolve("lxd"), nginx.certificate())) {
                Lxc own = new Lxc(tmp.resolve("lxc-own"), daemon.dir(), nginx.certificate());
                assertThat(own.run("image", "import", nginx.url() + "/e2e-" + run + "/uni"))
                        .contains("fingerprint: " + uni);
                assertThat(own.run("image", "list", "local:", "--format", "csv", "-c", "F").lines())
                        .containsExactly(uni);
            }
        }
    }

    private static KeyStore trusting(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            ks.setCertificateEntry("nginx", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        return ks;
    }
}
