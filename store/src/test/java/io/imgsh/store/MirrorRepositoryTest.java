package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Schema step 4: mirrors, the images each brought in, and how both follow remotes and images. */
class MirrorRepositoryTest extends StoreTestBase {
    private static final RemoteRecord PEER = new RemoteRecord("peer", "https://127.0.0.1:8443", "lxd", "tls", true,
            "PEM");

    private void write(TxWork<?> work) {
        store.write(work);
    }

    private List<String> images(String remote) {
        return store.read(tx -> tx.mirrors().images(remote));
    }

    @Test
    void aStoreOfSchemaThreeGainsTheMirrorTablesAndKeepsItsImages() throws Exception {
        String fp = TestImages.store(store, "an image".getBytes(StandardCharsets.UTF_8));
        store.close();
        TestImages.execute(home, "DROP TABLE mirrored_images");
        TestImages.execute(home, "DROP TABLE mirrors");
        TestImages.execute(home, "PRAGMA user_version = 3");
        store = Store.open(home);
        assertThat(TestImages.query(home, "PRAGMA user_version")).isEqualTo(4);
        write(tx -> {
            tx.remotes().insert(PEER);
            tx.mirrors().save(new MirrorRecord("peer", List.of(), 0, false, null));
            tx.mirrors().addImage("peer", fp);
            return null;
        });
        assertThat(images("peer")).containsExactly(fp);
    }

    @Test
    void settingsImagesAndTheirCascades() throws Exception {
        String a = TestImages.store(store, "image a".getBytes(StandardCharsets.UTF_8));
        String b = TestImages.store(store, "image b".getBytes(StandardCharsets.UTF_8));
        Instant ran = Instant.parse("2026-12-05T01:02:03.000000004Z");
        write(tx -> {
            tx.remotes().insert(PEER);
            tx.mirrors().save(new MirrorRecord("peer", List.of("os=Ubuntu", "arch=x86_64"), 2, true, null));
            tx.mirrors().setLastRun("peer", ran);
            tx.mirrors().addImage("peer", a);
            tx.mirrors().addImage("peer", a); // again: nothing changes
            tx.mirrors().addImage("peer", b);
            // new settings keep the last run and the images
            tx.mirrors().save(new MirrorRecord("peer", List.of("os=Debian"), 1, false, null));
            return null;
        });
        Optional<MirrorRecord> saved = store.read(tx -> tx.mirrors().get("peer"));
        assertThat(saved).contains(
                new MirrorRecord("peer", List.of("os=Debian"), 1, false, ran));
        assertThat(images("peer")).containsExactlyInAnyOrder(a, b);

        int holders = store.write(tx -> tx.mirrors().removeImage("peer", a));
        assertThat(holders).isZero();
        write(tx -> tx.images().delete(b)); // an image deleted otherwise leaves the mirror
        assertThat(images("peer")).isEmpty();

        write(tx -> {
            tx.mirrors().addImage("peer", a);
            tx.remotes().rename("peer", "lxd");
            return null;
        });
        assertThat(images("lxd")).containsExactly(a);
        write(tx -> tx.remotes().delete("lxd"));
        List<MirrorRecord> left = store.read(tx -> tx.mirrors().all());
        assertThat(left).isEmpty();
        assertThat(TestImages.count(home, "mirrored_images")).isZero();
        boolean stays = store.read(tx -> tx.images().exists(a));
        assertThat(stays).as("the image stays, no longer mirrored").isTrue();
    }
}
