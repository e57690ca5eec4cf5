package io.imgsh.engine.remote.lxd;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.mirror.MirrorReport;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.CopyService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code image mirror} from the real LXD 5.0.2 peer (as a public remote): an image imported there arrives on the next
 * run, an alias moved there moves here, {@code --keep} prunes the older image of the family; what an interrupted run
 * kept of a download is continued from the peer's export.
 */
class MirrorPeerE2eTest extends PeerEngineTest {
    private static List<String> fingerprints(List<MirrorReport.Item> items) {
        return items.stream().map(MirrorReport.Item::fingerprint).toList();
    }

    @Test
    void followsThePeer() throws Exception {
        String tag = LxdPeer.unique("mirror");
        String alias = tag + "-latest";
        String a = peer.importImage(alias, true, LxdPeer.unifiedImage(dir, tag + "-a"));
        engine.remotes().add("peer", LxdPeer.URL, "lxd", true, true, null);
        // only this test's images: the peer holds other tests' too
        List<String> filters = List.of("description=Peer test " + tag + "-.*");

        MirrorReport first = engine.mirrors().mirror("peer", filters, 0, false, Progress.NONE);
        assertThat(fingerprints(first.added())).containsExactly(a);
        assertThat(engine.images().alias(alias)).map(AliasEntry::target).contains(a);
        assertThat(engine.images().get(a).updateSource().server()).isEqualTo(LxdPeer.URL);

        String b = peer.importImage(tag + "-other", true, LxdPeer.unifiedImage(dir, tag + "-b"));
        LxdPeer.lxc("image", "alias", "delete", alias);
        LxdPeer.lxc("image", "alias", "create", alias, b);

        MirrorReport second = engine.mirrors().mirror("peer", null, null, null, Progress.NONE);
        assertThat(fingerprints(second.added())).containsExactly(b);
        assertThat(fingerprints(second.kept())).containsExactly(a);
        assertThat(second.movedAliases()).containsExactly(new MirrorReport.MovedAlias(alias, a, b));
        assertThat(engine.images().alias(alias)).map(AliasEntry::target).contains(b);
        assertThat(engine.images().alias(tag + "-other")).map(AliasEntry::target).contains(b);

        MirrorReport third = engine.mirrors().mirror("peer", null, 1, null, Progress.NONE);
        assertThat(fingerprints(third.removed())).containsExactly(a);
        assertThat(engine.images().list()).extracting(Image::fingerprint).containsExactly(b);
    }

    /**
     * What a killed run kept of a unified image is continued with a range request, which LXD's export answers (Go's
     * {@code http.ServeContent}); of a split image it is dropped, LXD sending its multipart export whole whatever the
     * range.
     */
    @Test
    void thePeersExportContinuesAKeptUnifiedDownloadAndSendsASplitImageWhole() throws Exception {
        String tag = LxdPeer.unique("resume");
        Path unified = LxdPeer.unifiedImage(dir, tag);
        byte[] bytes = Files.readAllBytes(unified);
        String fp = peer.importImage(tag, true, unified);
        Path[] split = LxdPeer.splitImage(dir, tag + "-split", 200_000);
        String splitFp = peer.importImage(tag + "-split", true, split);
        engine.remotes().add("peer", LxdPeer.URL, "lxd", true, true, null);
        Path tmp = dir.resolve("home").resolve("tmp");
        Files.write(tmp.resolve("download-" + fp + ".0"), Arrays.copyOf(bytes, bytes.length / 2));
        Files.write(tmp.resolve("download-" + splitFp + ".0"), Arrays.copyOf(Files.readAllBytes(split[0]), 100));

        CopyService.CopyResult continued = copy(fp);
        assertThat(continued.bytesTransferred()).isEqualTo(bytes.length - bytes.length / 2);
        assertThat(ImageFixture.sha256(engine.images().files(fp).toArray(Path[]::new))).isEqualTo(fp);

        CopyService.CopyResult whole = copy(splitFp);
        assertThat(whole.bytesTransferred()).isEqualTo(Files.size(split[0]) + Files.size(split[1]));
        assertThat(ImageFixture.sha256(engine.images().files(splitFp).toArray(Path[]::new))).isEqualTo(splitFp);
        assertThat(ImageFixture.listing(tmp)).isEmpty();
    }

    private CopyService.CopyResult copy(String fingerprint) {
        return engine.copies().copy(engine.images("peer"), fingerprint, engine.images(),
                new CopyRequest(List.of(), false, false, false), Progress.NONE);
    }
}
