package io.imgsh.engine.remote.lxd;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.mirror.MirrorReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code image mirror} from the real LXD 5.0.2 peer (as a public remote): an image imported there arrives on the next
 * run, an alias moved there moves here, {@code --keep} prunes the older image of the family.
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
}
