package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AliasRepositoryTest extends StoreTestBase {
    String uni = TestImages.fp("unified");
    String vm = TestImages.fp("vm");

    @BeforeEach
    void insertImages() {
        ImageRecord vmImage = new ImageRecord(vm, "vm.tar.xz", 1, true, "virtual-machine", "x86_64", false, false,
                false, TestImages.CREATED, TestImages.CREATED, TestImages.UPLOADED, null, Map.of(), List.of(),
                List.of(), null);
        store.write((Tx tx) -> {
            tx.images().insert(TestImages.image(uni));
            tx.images().insert(vmImage);
            return null;
        });
    }

    @Test
    void createGetAllRenameDelete() {
        store.write((Tx tx) -> {
            tx.aliases().create("uni-xz", uni, "");
            tx.aliases().create("b-vm", vm, "a virtual machine");
            tx.aliases().create("a-uni", uni, "second name");
            return null;
        });
        assertThat(store.read((Tx tx) -> tx.aliases().get("b-vm")))
                .contains(new AliasRecord("b-vm", "a virtual machine", vm, "virtual-machine"));
        assertThat(store.read((Tx tx) -> tx.aliases().get("uni-xz")))
                .contains(new AliasRecord("uni-xz", "", uni, "container"));
        assertThat(store.read((Tx tx) -> tx.aliases().get("missing"))).isEmpty();
        assertThat(store.read((Tx tx) -> tx.aliases().all())).extracting(AliasRecord::name)
                .containsExactly("a-uni", "b-vm", "uni-xz");

        assertThat(store.write((Tx tx) -> tx.aliases().rename("uni-xz", "z-renamed"))).isTrue();
        assertThat(store.read((Tx tx) -> tx.aliases().get("uni-xz"))).isEmpty();
        assertThat(store.read((Tx tx) -> tx.aliases().get("z-renamed")))
                .contains(new AliasRecord("z-renamed", "", uni, "container"));
        assertThat(store.write((Tx tx) -> tx.aliases().rename("missing", "whatever"))).isFalse();
        assertThat(store.write((Tx tx) -> tx.aliases().rename("b-vm", "b-vm"))).as("rename onto itself").isTrue();

        assertThat(store.write((Tx tx) -> tx.aliases().delete("a-uni"))).isTrue();
        assertThat(store.write((Tx tx) -> tx.aliases().delete("a-uni"))).isFalse();
        assertThat(store.read((Tx tx) -> tx.aliases().all())).extracting(AliasRecord::name)
                .containsExactly("b-vm", "z-renamed");
        // the image sees its remaining alias
        assertThat(store.read((Tx tx) -> tx.images().get(uni)).orElseThrow().aliases())
                .containsExactly(new AliasRecord("z-renamed", "", uni, "container"));
    }

    @Test
    void creatingATakenNameChangesNothingAndSaysSo() {
        store.write((Tx tx) -> assertThat(tx.aliases().create("taken", uni, "first")).isTrue());
        // the transaction goes on: the caller decides what a taken name means
        store.write((Tx tx) -> {
            assertThat(tx.aliases().create("taken", vm, "second")).isFalse();
            assertThat(tx.aliases().create("other", vm, "")).isTrue();
            return null;
        });
        assertThat(store.read((Tx tx) -> tx.aliases().get("taken")))
                .contains(new AliasRecord("taken", "first", uni, "container"));
        assertThat(store.read((Tx tx) -> tx.aliases().get("other"))).isPresent();
    }

    @Test
    void renameOntoAnExistingNameIsAnSqlException() {
        store.write((Tx tx) -> {
            tx.aliases().create("one", uni, "");
            tx.aliases().create("two", vm, "");
            return null;
        });
        store.write((Tx tx) -> {
            assertThatThrownBy(() -> tx.aliases().rename("one", "two"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("UNIQUE");
            return null;
        });
        assertThat(store.read((Tx tx) -> tx.aliases().all()))
                .containsExactly(new AliasRecord("one", "", uni, "container"),
                        new AliasRecord("two", "", vm, "virtual-machine"));
    }

    @Test
    void anAliasNeedsAnExistingImage() {
        assertThatThrownBy(() -> store.write((Tx tx) -> {
            tx.aliases().create("dangling", TestImages.fp("nope"), "");
            return null;
        })).isInstanceOf(StoreException.class).hasCauseInstanceOf(SQLException.class);
        assertThat(store.read((Tx tx) -> tx.aliases().all())).isEmpty();
    }

    @Test
    void namesAreCaseSensitiveAndMayHoldAnyText() {
        store.write((Tx tx) -> {
            tx.aliases().create("Ubuntu", uni, "");
            tx.aliases().create("ubuntu", vm, "");
            tx.aliases().create("debian/12/cloud", uni, "");
            tx.aliases().create("it's ✓", uni, "");
            return null;
        });
        assertThat(store.read((Tx tx) -> tx.aliases().get("Ubuntu")).orElseThrow().target()).isEqualTo(uni);
        assertThat(store.read((Tx tx) -> tx.aliases().get("ubuntu")).orElseThrow().target()).isEqualTo(vm);
        assertThat(store.read((Tx tx) -> tx.aliases().get("debian/12/cloud"))).isPresent();
        assertThat(store.read((Tx tx) -> tx.aliases().get("it's ✓"))).isPresent();
    }
}
