package io.imgsh.engine.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.policy.PolicyService;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.StreamsTree;
import io.imgsh.engine.remote.TestHttpsServer;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code image mirror} from a simplestreams server on loopback HTTPS. */
class MirrorTest extends ImageFixtureTest {
    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();
    StreamsTree tree;
    ObjectNode product;
    StreamsTree.Version v1;

    @BeforeEach
    void setUp() {
        tree = new StreamsTree(server);
        product = tree.product("m:1:amd64:default", "m", "1", "amd64", "m/1");
        v1 = tree.version(product, "20260101_0300", true, false);
        tree.publish();
        fx.engine.remotes().add("ss", server.base().toString(), "simplestreams", false, true, null);
    }

    private MirrorReport mirror(Integer keep) {
        return fx.engine.mirrors().mirror("ss", null, keep, null, Progress.NONE);
    }

    private static List<String> fingerprints(List<MirrorReport.Item> items) {
        return items.stream().map(MirrorReport.Item::fingerprint).toList();
    }

    private String aliasTarget(String name) {
        return fx.images().alias(name).map(AliasEntry::target).orElse(null);
    }

    @Test
    void newImagesArriveAliasesFollowTheRemoteAndKeepPrunesAcrossRestarts() {
        String own = fx.importDistinct("mine, same family as the mirrored ones", "own");
        MirrorReport first = mirror(2);
        assertThat(fingerprints(first.added())).containsExactly(v1.squashfs());
        assertThat(first.added().get(0).family()).isEqualTo("m/1/default/x86_64/squashfs");
        assertThat(aliasTarget("m/1")).isEqualTo(v1.squashfs());
        Image copied = fx.images().get(v1.squashfs());
        assertThat(copied.isPublic()).isTrue();
        assertThat(copied.updateSource().server()).isEqualTo(server.base().toString());
        assertThat(copied.updateSource().alias()).isEqualTo("m/1");

        StreamsTree.Version v2 = tree.version(product, "20260201_0300", true, false);
        tree.publish();
        MirrorReport second = mirror(null); // --keep 2 as recorded
        assertThat(fingerprints(second.added())).containsExactly(v2.squashfs());
        assertThat(fingerprints(second.kept())).containsExactly(v1.squashfs());
        assertThat(second.removed()).isEmpty();
        assertThat(second.movedAliases()).contains(new MirrorReport.MovedAlias("m/1", v1.squashfs(), v2.squashfs()));
        assertThat(aliasTarget("m/1")).isEqualTo(v2.squashfs());

        // the bookkeeping is in the store: another engine on it knows the mirror, its settings and its images
        fx.close();
        fx = new ImageFixture(tmp);
        StreamsTree.Version v3 = tree.version(product, "20260301_0300", true, false);
        tree.publish();
        MirrorReport third = mirror(null);
        assertThat(fingerprints(third.added())).containsExactly(v3.squashfs());
        assertThat(fingerprints(third.kept())).containsExactly(v2.squashfs());
        assertThat(fingerprints(third.removed())).containsExactly(v1.squashfs());
        assertThat(fx.images().list().stream().map(Image::fingerprint))
                .containsExactlyInAnyOrder(own, v2.squashfs(), v3.squashfs());
        assertThat(ImageFixture.listing(fx.imagesDir())).noneMatch(f -> f.startsWith(v1.squashfs()));

        MirrorReport keepOne = mirror(1);
        assertThat(fingerprints(keepOne.removed())).containsExactly(v2.squashfs());
        assertThat(fx.images().list().stream().map(Image::fingerprint)).containsExactlyInAnyOrder(own,
                v3.squashfs());
    }

    @Test
    void anImageOnlyInTheStoreBeforeIsNeverRemoved() {
        fx.engine.copies().copy(fx.engine.images("ss"), "m/1", fx.images(),
                new CopyRequest(List.of(), false, false, false), Progress.NONE);
        StreamsTree.Version v2 = tree.version(product, "20260201_0300", true, false);
        tree.publish();
        MirrorReport r = mirror(1);
        assertThat(fingerprints(r.added())).containsExactly(v2.squashfs());
        assertThat(r.removed()).isEmpty();
        assertThat(fx.images().exists(v1.squashfs())).isTrue();
    }

    @Test
    void aCutTransferResumesAndAFailedImageArrivesOnTheNextRun() {
        server.cutOnce(v1.squashfsPath(), 10);
        MirrorReport first = mirror(1);
        assertThat(first.failures()).isEmpty();
        assertThat(fingerprints(first.added())).containsExactly(v1.squashfs());
        assertThat(server.requests()).contains("GET " + v1.squashfsPath() + " bytes=10-");

        StreamsTree.Version v2 = tree.version(product, "20260201_0300", true, false);
        tree.publish();
        AtomicBoolean failOnce = new AtomicBoolean(true);
        byte[] rootfs = fileOf(v2.squashfsPath());
        server.handler(v2.squashfsPath(), ex -> {
            if (failOnce.getAndSet(false)) {
                ex.sendResponseHeaders(503, -1);
            } else {
                ex.sendResponseHeaders(200, rootfs.length);
                ex.getResponseBody().write(rootfs);
            }
            ex.close();
        });
        MirrorReport broken = mirror(null);
        assertThat(broken.failures()).singleElement().asString().startsWith(v2.squashfs().substring(0, 12) + ": ");
        assertThat(broken.added()).isEmpty();
        // the older image of the family stays while its replacement has not arrived
        assertThat(broken.removed()).isEmpty();
        assertThat(fx.images().exists(v1.squashfs())).isTrue();
        // the metadata file arrived before the rootfs failed: it is kept for the next run
        assertThat(ImageFixture.listing(fx.tmpDir())).containsExactly("download-" + v2.squashfs() + ".0");

        MirrorReport next = mirror(null);
        assertThat(next.failures()).isEmpty();
        assertThat(fingerprints(next.added())).containsExactly(v2.squashfs());
        assertThat(fingerprints(next.removed())).containsExactly(v1.squashfs());
        assertThat(server.requests()).filteredOn(r -> r.startsWith("GET " + v2.metaPath())).hasSize(1);
        assertThat(ImageFixture.listing(fx.tmpDir())).isEmpty();
    }

    private byte[] fileOf(String path) {
        var client = server.client();
        try {
            return client.get(java.net.URI.create(server.url(path)), InputStream::readAllBytes);
        } finally {
            client.close();
        }
    }

    @Test
    void anAutoUpdateMirrorIsRefreshedByThePolicy() {
        fx.engine.mirrors().mirror("ss", List.of("m/1"), 0, true, Progress.NONE);
        StreamsTree.Version v2 = tree.version(product, "20260201_0300", true, false);
        tree.publish();
        PolicyService.Report run = fx.engine.policy().run(true);
        assertThat(run.mirrored()).singleElement().satisfies(m -> {
            assertThat(m.remote()).isEqualTo("ss");
            assertThat(fingerprints(m.added())).containsExactly(v2.squashfs());
        });
        assertThat(run.failures()).isEmpty();

        fx.engine.mirrors().mirror("ss", null, null, false, Progress.NONE);
        tree.version(product, "20260301_0300", true, false);
        tree.publish();
        assertThat(fx.engine.policy().run(true).mirrored()).isEmpty();
    }

    @Test
    void badRequestsChangeNothing() {
        assertThatThrownBy(() -> fx.engine.mirrors().mirror("local", null, null, null, Progress.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("The local store cannot mirror");
        assertThatThrownBy(() -> mirror(-1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("--keep must be 0 (keep every image) or more, not -1");
        assertThatThrownBy(() -> fx.engine.mirrors().mirror("nope", null, null, null, Progress.NONE))
                .hasMessage("The remote \"nope\" doesn't exist");
        assertThat(fx.images().list()).isEmpty();
    }
}
