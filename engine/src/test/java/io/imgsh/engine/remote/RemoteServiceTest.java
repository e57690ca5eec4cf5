package io.imgsh.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.store.RemoteRecord;
import io.imgsh.store.Store;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteServiceTest extends ImageFixtureTest {
    RemoteService remotes() {
        return fx.engine.remotes();
    }

    @Test
    void builtInsAreThereAndLocalIsTheDefault() {
        assertThat(remotes().list()).extracting(Remote::name)
                .containsExactly("images", "local", "ubuntu", "ubuntu-daily");
        assertThat(remotes().get("ubuntu").url()).isEqualTo("https://cloud-images.ubuntu.com/releases");
        assertThat(remotes().get("ubuntu").isStatic()).isTrue();
        assertThat(remotes().get("images").isStatic()).isFalse();
        assertThat(remotes().defaultRemote()).isEqualTo("local");
    }

    @Test
    void errorsAreWordedAsLxdWordsThem() {
        assertThatThrownBy(() -> remotes().get("x")).hasMessage("The remote \"x\" doesn't exist");
        assertThatThrownBy(() -> remotes().remove("x")).hasMessage("Remote x doesn't exist");
        assertThatThrownBy(() -> remotes().remove("local")).hasMessage("Remote local is static and cannot be modified");
        assertThatThrownBy(() -> remotes().rename("ubuntu", "u")).hasMessage(
                "Remote ubuntu is static and cannot be modified");
        assertThatThrownBy(() -> remotes().add("images", "https://x", "simplestreams", false, false, null))
                .hasMessage("Remote images exists as <https://images.lxd.canonical.com>");
        assertThatThrownBy(() -> remotes().add("a:b", "https://x", "simplestreams", false, false, null))
                .hasMessage("Remote names may not contain colons");
        assertThatThrownBy(() -> remotes().add("h", "http://x", "simplestreams", false, false, null))
                .hasMessage("Only https:// URLs are supported: http://x");
        assertThatThrownBy(() -> remotes().switchTo("nope")).hasMessage("Remote nope doesn't exist");
        assertThatThrownBy(() -> remotes().rename("images", "ubuntu")).hasMessage("Remote ubuntu already exists");
    }

    @Test
    void addRenameSetUrlSwitchRemove() {
        remotes().add("s", "mirror.example/streams/", "simplestreams", false, false, null);
        assertThat(remotes().get("s").url()).isEqualTo("https://mirror.example/streams");
        remotes().rename("s", "t");
        remotes().setUrl("t", "https://other.example");
        assertThat(remotes().get("t").url()).isEqualTo("https://other.example");
        remotes().switchTo("t");
        assertThat(remotes().defaultRemote()).isEqualTo("t");
        assertThatThrownBy(() -> remotes().remove("t")).hasMessage("Can't remove the default remote");
        remotes().rename("t", "u");
        assertThat(remotes().defaultRemote()).isEqualTo("u");
        remotes().switchTo("local");
        remotes().remove("u");
        remotes().remove("images");
        assertThat(remotes().list()).extracting(Remote::name).containsExactly("local", "ubuntu", "ubuntu-daily");
        assertThat(RemoteService.normalizeUrl("10.0.0.1", "lxd")).isEqualTo("https://10.0.0.1:8443");
    }

    @Test
    void aBuiltInRemoteHidesAStoredOneOfItsName() throws Exception {
        // a store that added ubuntu-daily before it was built in, written as another process would
        try (Store store = Store.open(fx.home)) {
            store.write(tx -> {
                tx.remotes().insert(new RemoteRecord("ubuntu-daily", "https://mirror.example/daily", "simplestreams",
                        "none", true, ""));
                return null;
            });
        }
        assertThat(remotes().list()).filteredOn(r -> r.name().equals("ubuntu-daily")).singleElement()
                .isEqualTo(remotes().get("ubuntu-daily")).extracting(Remote::isStatic).isEqualTo(true);
    }

    @Test
    void anUnknownHostIsAnErrorNamingIt() {
        remotes().add("nowhere", "https://imgsh-test.invalid", "simplestreams", false, false, null);
        assertThatThrownBy(() -> remotes().images("nowhere").list(List.of())).isInstanceOf(EngineException.class)
                .hasMessage("Failed to connect to imgsh-test.invalid: unknown host");
    }
}
