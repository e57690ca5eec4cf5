package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateRepositoryTest extends StoreTestBase {
    @Test
    void insertListFindByPrefixDelete() {
        CertificateRecord alice = new CertificateRecord("ab12" + "0".repeat(60), "client", "alice", "PEM-A");
        CertificateRecord bob = new CertificateRecord("ab34" + "0".repeat(60), "client", "bob", "PEM-B");
        store.write(tx -> {
            tx.certificates().insert(bob);
            tx.certificates().insert(alice);
            return null;
        });
        List<CertificateRecord> all = store.read(tx -> tx.certificates().all());
        assertThat(all).containsExactly(alice, bob);
        Optional<CertificateRecord> got = store.read(tx -> tx.certificates().get(bob.fingerprint()));
        assertThat(got).contains(bob);
        List<String> both = store.read(tx -> tx.certificates().fingerprintsStartingWith("ab"));
        assertThat(both).hasSize(2);
        List<String> one = store.read(tx -> tx.certificates().fingerprintsStartingWith("ab3"));
        assertThat(one).containsExactly(bob.fingerprint());
        assertThatThrownBy(() -> store.write(tx -> {
            tx.certificates().insert(alice);
            return null;
        })).hasRootCauseInstanceOf(SQLException.class);

        boolean deleted = store.write(tx -> tx.certificates().delete(alice.fingerprint()));
        assertThat(deleted).isTrue();
        boolean again = store.write(tx -> tx.certificates().delete(alice.fingerprint()));
        assertThat(again).isFalse();
        List<CertificateRecord> left = store.read(tx -> tx.certificates().all());
        assertThat(left).containsExactly(bob);
    }
}
