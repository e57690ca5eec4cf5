package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RemoteRepositoryTest extends StoreTestBase {
    @Test
    void schemaStepTwoSeedsTheImagesRemote() {
        List<RemoteRecord> all = store.read(tx -> tx.remotes().all());
        assertThat(all).extracting(RemoteRecord::name).containsExactly("images");
        RemoteRecord images = store.read(tx -> tx.remotes().get("images")).orElseThrow();
        assertThat(images.url()).isEqualTo("https://images.lxd.canonical.com");
        assertThat(images.protocol()).isEqualTo("simplestreams");
        assertThat(images.isPublic()).isTrue();
    }

    @Test
    void insertUpdateRenameDelete() {
        RemoteRecord peer = new RemoteRecord("peer", "https://127.0.0.1:8443", "lxd", "tls", true, "PEM");
        store.write(tx -> {
            tx.remotes().insert(peer);
            return null;
        });
        assertThatThrownBy(() -> store.write(tx -> {
            tx.remotes().insert(peer);
            return null;
        })).hasRootCauseInstanceOf(SQLException.class);
        Optional<RemoteRecord> got = store.read(tx -> tx.remotes().get("peer"));
        assertThat(got).contains(peer);
        store.write(tx -> tx.remotes().update(new RemoteRecord("peer", "https://h:1", "lxd", "tls", false, "")));
        assertThat(store.read(tx -> tx.remotes().get("peer")).orElseThrow().url()).isEqualTo("https://h:1");
        boolean renamed = store.write(tx -> tx.remotes().rename("peer", "p2"));
        assertThat(renamed).isTrue();
        Optional<RemoteRecord> gone = store.read(tx -> tx.remotes().get("peer"));
        assertThat(gone).isEmpty();
        boolean deleted = store.write(tx -> tx.remotes().delete("p2"));
        boolean again = store.write(tx -> tx.remotes().delete("p2"));
        assertThat(deleted).isTrue();
        assertThat(again).isFalse();
    }

    @Test
    void settingsAndPolicyRuns() {
        Optional<String> none = store.read(tx -> tx.remotes().setting("default"));
        assertThat(none).isEmpty();
        store.write(tx -> {
            tx.remotes().setSetting("default", "peer");
            tx.remotes().setSetting("default", "images");
            tx.remotes().setLastRun("auto-update", Instant.parse("2030-01-01T00:00:00Z"));
            return null;
        });
        Optional<String> def = store.read(tx -> tx.remotes().setting("default"));
        Optional<Instant> run = store.read(tx -> tx.remotes().lastRun("auto-update"));
        Optional<Instant> never = store.read(tx -> tx.remotes().lastRun("prune"));
        assertThat(def).contains("images");
        assertThat(run).contains(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(never).isEmpty();
    }

    @Test
    void aFailedDrainKeepsWhatArrivedSoTheRestCanBeAppended() throws Exception {
        byte[] bytes = new byte[3 * Ingest.BUFFER_SIZE / 2];
        new Random(7).nextBytes(bytes);
        int cut = Ingest.BUFFER_SIZE + 1234;
        InputStream failing = new InputStream() {
            int pos;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= cut) {
                    throw new IOException("connection reset");
                }
                int n = Math.min(Math.min(len, 10_000), cut - pos);
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                return n;
            }
        };
        try (Ingest ingest = store.ingest()) {
            assertThatThrownBy(() -> ingest.drain(failing)).hasMessage("connection reset");
            assertThat(ingest.partSize()).isEqualTo(cut);
            ingest.drain(new ByteArrayInputStream(Arrays.copyOfRange(bytes, cut, bytes.length)));
            assertThat(ingest.partSize()).isEqualTo(bytes.length);
            assertThat(ingest.finish()).isEqualTo(TestImages.sha256(bytes));
        }
    }
}
