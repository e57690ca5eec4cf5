package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

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
    void duplicateCreateIsAnSqlExceptionTheCallerCanMap() {
        store.write((Tx tx) -> {
            tx.aliases().create("taken", uni, "");
            return null;
        });
        // Caught inside the transaction, the failure leaves the transaction usable.
        String mapped = store.write((Tx tx) -> {
            Throwable t = catchThrowable(() -> tx.aliases().create("taken", vm, ""));
            assertThat(t).isInstanceOf(SQLException.class).hasMessageContaining("UNIQUE");
            tx.aliases().create("other", vm, "");
            return "Alias already exists";
        });
        assertThat(mapped).isEqualTo("Alias already exists");
        assertThat(store.read((Tx tx) -> tx.aliases().get("taken"))).contains(new AliasRecord("taken", "", uni, "container"));
        assertThat(store.read((Tx tx) -> tx.aliases().get("other"))).isPresent();

        // Not caught: the transaction rolls back as a whole.
        assertThatThrownBy(() -> store.write((Tx tx) -> {
            tx.aliases().create("third", uni, "");
            tx.aliases().create("taken", vm, "");
            return null;
        })).isInstanceOf(StoreException.class).hasCauseInstanceOf(SQLException.class);
        assertThat(store.read((Tx tx) -> tx.aliases().get("third"))).isEmpty();
    }

    @Test
    void createIfFreeSaysWhenTheNameIsTakenAndChangesNothingThen() {
        store.write((Tx tx) -> assertThat(tx.aliases().createIfFree("taken", uni, "first")).isTrue());
        // the transaction goes on: the caller decides what a taken name means
        store.write((Tx tx) -> {
            assertThat(tx.aliases().exists("taken")).isTrue();
            assertThat(tx.aliases().exists("other")).isFalse();
            assertThat(tx.aliases().createIfFree("taken", vm, "second")).isFalse();
            assertThat(tx.aliases().createIfFree("other", vm, "")).isTrue();
            return null;
        });
        assertThat(store.read((Tx tx) -> tx.aliases().get("taken")))
                .contains(new AliasRecord("taken", "first", uni, "container"));
        assertThat(store.read((Tx tx) -> tx.aliases().get("other"))).isPresent();
        assertThatThrownBy(() -> store.write((Tx tx) -> tx.aliases().createIfFree("dangling", TestImages.fp("no"), "")))
                .isInstanceOf(StoreException.class).hasCauseInstanceOf(SQLException.class);
        assertThat(store.read((Tx tx) -> tx.aliases().exists("dangling"))).isFalse();
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
