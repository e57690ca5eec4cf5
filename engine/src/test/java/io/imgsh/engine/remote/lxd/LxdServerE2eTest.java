package io.imgsh.engine.remote.lxd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImagePut;
import io.imgsh.engine.image.ImageSnapshot;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.UpdateSource;
import io.imgsh.engine.remote.AddQuestions;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.RemoteService;
import io.imgsh.engine.remote.Tls;
import io.imgsh.engine.remote.TlsIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lxd protocol against the real LXD 5.0.2 peer (skipped locally when it is not running). */
class LxdServerE2eTest extends PeerEngineTest {
    static String sha256(Path... files) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (Path f : files) {
            d.update(Files.readAllBytes(f));
        }
        return HexFormat.of().formatHex(d.digest());
    }

    @Test
    void publicRemoteListsInfoAndCopiesUnifiedAndSplitWithLxdsFingerprints() throws Exception {
        Path uni = LxdPeer.unifiedImage(dir, LxdPeer.unique("uni"));
        Path[] split = LxdPeer.splitImage(dir, LxdPeer.unique("split"), 300_000);
        Path priv = LxdPeer.unifiedImage(dir, LxdPeer.unique("priv"));
        String aUni = LxdPeer.unique("t-uni");
        String aSplit = LxdPeer.unique("t-split");
        String aPriv = LxdPeer.unique("t-priv");
        String fpUni = peer.importImage(aUni, true, uni);
        String fpSplit = peer.importImage(aSplit, true, split);
        String fpPriv = peer.importImage(aPriv, false, priv);
        assertThat(fpUni).isEqualTo(sha256(uni));
        assertThat(fpSplit).isEqualTo(sha256(split));

        engine.remotes().add("peer", LxdPeer.URL, null, true, true, null);
        assertThat(engine.remotes().get("peer").isPublic()).isTrue();
        Images server = engine.images("peer");
        List<String> listed = server.list(List.of()).stream().map(Image::fingerprint).toList();
        assertThat(listed).contains(fpUni, fpSplit).doesNotContain(fpPriv);
        assertThat(server.list(List.of("architecture=x86_64", "public=true")).stream()
                .map(Image::fingerprint)).contains(fpUni, fpSplit);

        Image info = server.resolve(aSplit);
        assertThat(info.fingerprint()).isEqualTo(fpSplit);
        assertThat(info.size()).isEqualTo(Files.size(split[0]) + Files.size(split[1]));
        assertThat(info.properties()).containsEntry("release", "2.0");
        assertThat(info.aliases()).extracting(a -> a.name()).containsExactly(aSplit);
        assertThat(server.resolve(fpUni.substring(0, 16)).fingerprint()).isEqualTo(fpUni);

        assertThatThrownBy(() -> server.resolve(aPriv)).isInstanceOf(NotFoundException.class)
                .hasMessage("Image not found");
        assertThatThrownBy(() -> server.resolve(fpPriv)).hasMessage("Image not found");
        assertThatThrownBy(() -> server.aliases(List.of())).hasMessage("not authorized");

        assertThat(engine.copies().copy(server, aUni, engine.images(), new CopyRequest(List.of("u"), false, false, false),
                Progress.NONE).fingerprint()).isEqualTo(fpUni);
        AtomicInteger calls = new AtomicInteger();
        var result = engine.copies().copy(server, aSplit, engine.images(), new CopyRequest(List.of("s"), false, true, false),
                (done, total) -> calls.incrementAndGet());
        assertThat(result.fingerprint()).isEqualTo(fpSplit);
        assertThat(result.bytesTransferred()).isEqualTo(info.size());
        assertThat(calls.get()).isPositive();

        Image copied = engine.images().resolve("s");
        assertThat(copied.fingerprint()).isEqualTo(fpSplit);
        assertThat(copied.autoUpdate()).isTrue();
        assertThat(copied.isPublic()).isFalse();
        UpdateSource source = copied.updateSource();
        assertThat(source.protocol()).isEqualTo("lxd");
        assertThat(source.server()).isEqualTo(LxdPeer.URL);
        assertThat(source.alias()).isEqualTo(aSplit);
        assertThat(source.certificate()).isEqualTo(engine.remotes().get("peer").certificate())
                .startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(sha256(Path.of(engine.home().toString(), "images", fpSplit),
                Path.of(engine.home().toString(), "images", fpSplit + ".rootfs"))).isEqualTo(fpSplit);

        assertThatThrownBy(() -> engine.copies().copy(server, aPriv, engine.images(), new CopyRequest(List.of(), false, false,
                false), Progress.NONE)).hasMessage("Image not found");
        // Refresh goes through the recorded source (public access): nothing new.
        assertThat(engine.copies().refresh(engine.images(), fpSplit, Progress.NONE).refreshed()).isFalse();
    }

    @Test
    void exportsSplitAndUnifiedUnderLxdsNames() throws Exception {
        Path uni = LxdPeer.unifiedImage(dir, LxdPeer.unique("xuni"));
        Path[] split = LxdPeer.splitImage(dir, LxdPeer.unique("xsplit"), 2_000_000);
        String fpUni = peer.importImage(LxdPeer.unique("x-uni"), true, uni);
        String fpSplit = peer.importImage(LxdPeer.unique("x-split"), true, split);
        engine.remotes().add("peer", LxdPeer.URL, null, true, true, null);
        LxdImages server = (LxdImages) engine.images("peer");

        Path out = Files.createDirectories(dir.resolve("out"));
        server.export(fpSplit, out.toString(), Progress.NONE);
        server.export(fpUni, out.toString(), Progress.NONE);
        assertThat(Files.readAllBytes(out.resolve("meta-" + fpSplit + ".tar.xz"))).isEqualTo(Files.readAllBytes(split[0]));
        assertThat(Files.readAllBytes(out.resolve(fpSplit + ".tar.xz"))).isEqualTo(Files.readAllBytes(split[1]));
        assertThat(Files.readAllBytes(out.resolve(fpUni + ".tar.gz"))).isEqualTo(Files.readAllBytes(uni));
        try (var files = Files.list(out)) {
            assertThat(files.count()).isEqualTo(3);
        }
        server.export(fpSplit, out.resolve("named").toString(), Progress.NONE);
        assertThat(sha256(out.resolve("named"), out.resolve("named.root"))).isEqualTo(fpSplit);
    }

    @Test
    void withoutFlagsTheCertificateAndThePasswordAreAsked() throws Exception {
        String expected = Tls.fingerprint(new Tls().fetchCertificatePem(java.net.URI.create(LxdPeer.URL)));
        List<String> asked = new ArrayList<>();
        AddQuestions questions = new AddQuestions() {
            @Override
            public boolean trustCertificate(String fingerprint) {
                asked.add("certificate " + fingerprint);
                return true;
            }

            @Override
            public String password(String remote) {
                asked.add("password for " + remote);
                return LxdPeer.PASSWORD;
            }
        };
        RemoteService.Added added = engine.remotes().add("peert", LxdPeer.URL, null, false, false, null, () -> { },
                questions);
        peer.untrustLater(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(TlsIdentity.load(dir.resolve("config"), TlsIdentity.Role.CLIENT).certificate().getEncoded())));
        assertThat(asked).containsExactly("certificate " + expected, "password for peert");
        assertThat(added.nowTrusted()).isTrue();
        assertThat(trusts("peert")).isTrue();
        assertThat(added.remote().certificate()).as("the accepted certificate is pinned").isNotEmpty();

        // refusing the certificate adds nothing and sends no password
        asked.clear();
        AddQuestions refusing = new AddQuestions() {
            @Override
            public boolean trustCertificate(String fingerprint) {
                return false;
            }

            @Override
            public String password(String remote) {
                asked.add(remote);
                return LxdPeer.PASSWORD;
            }
        };
        assertThatThrownBy(() -> engine.remotes().add("other", LxdPeer.URL, null, false, false, null, () -> { },
                refusing)).hasMessage("Server certificate NACKed by user");
        assertThat(engine.remotes().find("other")).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void trustedWithThePasswordPushesEditsAndCopiesBack() throws Exception {
        assertThatThrownBy(() -> engine.remotes().add("peert", LxdPeer.URL, null, false, true, "wrong", () -> { }, null))
                .hasMessage("not authorized");
        assertThat(engine.remotes().find("peert")).isEmpty();
        assertThat(TlsIdentity.exists(dir.resolve("config"), TlsIdentity.Role.CLIENT)).isTrue();
        peer.untrustLater(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(TlsIdentity.load(dir.resolve("config"), TlsIdentity.Role.CLIENT).certificate().getEncoded())));
        AtomicInteger generated = new AtomicInteger();
        RemoteService.Added added = engine.remotes().add("peert", LxdPeer.URL, null, false, true, LxdPeer.PASSWORD,
                generated::incrementAndGet, null);
        assertThat(added.nowTrusted()).isTrue();
        assertThat(generated.get()).isZero();
        assertThat(added.remote().isPublic()).isFalse();
        LxdImages lxd = ((LxdImages) engine.images("peert"));
        assertThat(trusts("peert")).isTrue();
        assertThat(lxd.readOnlyBecause()).isEmpty();

        // A private image is visible, aliases can be listed, properties edited with If-Match.
        String aPriv = LxdPeer.unique("t-priv");
        String fpPriv = peer.importImage(aPriv, false, LxdPeer.unifiedImage(dir, LxdPeer.unique("tpriv")));
        assertThat(lxd.resolve(aPriv).fingerprint()).isEqualTo(fpPriv);
        assertThat(lxd.aliases(List.of())).extracting(AliasEntry::name).contains(aPriv);
        ImageSnapshot tagged = lxd.snapshot(fpPriv);
        Map<String, String> props = new HashMap<>(tagged.image().properties());
        props.put("k", "v");
        Image img = tagged.image();
        ImagePut put = new ImagePut(img.autoUpdate(), props, img.isPublic(), img.expiresAt(), img.profiles());
        assertThatThrownBy(() -> lxd.update(fpPriv, put, "wrong")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("ETag doesn't match");
        lxd.update(fpPriv, put, tagged.etag());
        assertThat(lxd.resolve(fpPriv).properties()).containsEntry("k", "v");

        // Push a local split image with an alias that already exists there (it moves), then copy it back.
        Path[] split = LxdPeer.splitImage(dir, LxdPeer.unique("push"), 500_000);
        String fp = engine.images().importImage(new ImportRequest(split[0], split[1], List.of("mine"), false,
                Map.of())).fingerprint();
        peer.forget(fp);
        String alias = LxdPeer.unique("pushed");
        lxd.createAlias(alias, fpPriv, "");
        var pushed = engine.copies().copy(engine.images(), fp, lxd, new CopyRequest(List.of(alias), false, false, true),
                Progress.NONE);
        assertThat(pushed.downloaded()).isTrue();
        assertThat(peer.hasImage(fp)).isTrue();
        assertThat(lxd.resolve(alias).fingerprint()).isEqualTo(fp);
        assertThat(LxdPeer.lxc("image", "info", alias)).contains("Fingerprint: " + fp).contains("Public: yes");
        // Pushing again uploads nothing.
        assertThat(engine.copies().copy(engine.images(), fp, lxd, new CopyRequest(List.of(alias), false, false, true),
                Progress.NONE).downloaded()).isFalse();

        // A unified one too, raw.
        Path uni = LxdPeer.unifiedImage(dir, LxdPeer.unique("pushu"));
        String fpU = engine.images().importImage(new ImportRequest(uni, null, List.of(), false,
                Map.of("os", "pushed"))).fingerprint();
        peer.forget(fpU);
        engine.copies().copy(engine.images(), fpU, lxd, new CopyRequest(List.of(alias + "-u"), false, false, false),
                Progress.NONE);
        assertThat(lxd.resolve(alias + "-u").properties()).containsEntry("os", "pushed");
        assertThat(lxd.resolve(alias + "-u").isPublic()).isFalse();

        engine.images().delete(fp);
        assertThat(engine.copies().copy(lxd, alias, engine.images(), new CopyRequest(List.of("back"), false, false, false),
                Progress.NONE).fingerprint()).isEqualTo(fp);
        assertThat(engine.images().resolve("back").fingerprint()).isEqualTo(fp);

        lxd.deleteAlias(alias + "-u");
        lxd.delete(fpU);
        assertThat(peer.hasImage(fpU)).isFalse();
        assertThatThrownBy(() -> lxd.deleteAlias(alias + "-u")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aPrivateImageCopiedFromATrustedRemoteIsRefreshedThroughIt() throws Exception {
        LxdImages lxd = trustedPeer("peert");
        String alias = LxdPeer.unique("t-refresh");
        String fpOld = peer.importImage(alias, false, LxdPeer.unifiedImage(dir, LxdPeer.unique("refresh1")));
        engine.copies().copy(lxd, alias, engine.images(), new CopyRequest(List.of("mine"), false, true, false), Progress.NONE);
        assertThat(engine.copies().refresh(engine.images(), fpOld, Progress.NONE).refreshed()).isFalse();

        String fpNew = peer.importImage(LxdPeer.unique("t-next"), false,
                LxdPeer.unifiedImage(dir, LxdPeer.unique("refresh2")));
        lxd.deleteAlias(alias);
        lxd.createAlias(alias, fpNew, "");
        var refreshed = engine.copies().refresh(engine.images(), fpOld, Progress.NONE);
        assertThat(refreshed.refreshed()).isTrue();
        assertThat(refreshed.fingerprint()).isEqualTo(fpNew);
        assertThat(engine.images().resolve("mine").fingerprint()).isEqualTo(fpNew);
        assertThat(engine.images().list()).extracting(Image::fingerprint).containsExactly(fpNew);

        // without the trusted remote the private image is out of reach, as for LXD's daemon
        engine.remotes().remove("peert");
        assertThatThrownBy(() -> engine.copies().refresh(engine.images(), fpNew, Progress.NONE)).hasMessage("Image not found");
    }

    /** Whether the server behind the remote trusts this client, as it answers {@code GET /1.0}. */
    private boolean trusts(String remote) {
        return new LxdClient(LxdPeer.URL, engine.remotes().http(engine.remotes().get(remote))).trusted();
    }

    /** Adds the peer as a trusted remote with its password (the trust is removed again after the test). */
    private LxdImages trustedPeer(String name) throws Exception {
        TlsIdentity.loadOrCreate(dir.resolve("config"), TlsIdentity.Role.CLIENT);
        peer.untrustLater(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(TlsIdentity.load(dir.resolve("config"), TlsIdentity.Role.CLIENT).certificate().getEncoded())));
        engine.remotes().add(name, LxdPeer.URL, null, false, true, LxdPeer.PASSWORD, () -> { }, null);
        return ((LxdImages) engine.images(name));
    }

    @Test
    void untrustedWritesAreRefused() throws IOException {
        engine.remotes().add("peer", LxdPeer.URL, null, true, true, null);
        LxdImages lxd = ((LxdImages) engine.images("peer"));
        assertThat(trusts("peer")).isFalse();
        assertThat(lxd.readOnlyBecause()).contains("The remote isn't a private LXD server");
        assertThatThrownBy(() -> lxd.createAlias(LxdPeer.unique("x"), "abc", ""))
                .hasMessage("The remote isn't a private LXD server");
        assertThatThrownBy(() -> engine.remotes().add("peer2", LxdPeer.URL, null, false, true, null))
                .hasMessageContaining("--password");
    }
}
