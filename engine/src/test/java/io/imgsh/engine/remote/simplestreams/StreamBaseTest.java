package io.imgsh.engine.remote.simplestreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the paths of a stream published below {@code https://images.example.org:8443/releases} may lead. */
class StreamBaseTest {
    final StreamBase base = new StreamBase("https://images.example.org:8443/releases/");

    @ParameterizedTest
    @CsvSource({
            "streams/v1/images.json, https://images.example.org:8443/releases/streams/v1/images.json",
            "./images/a/../b/lxd.tar.xz, https://images.example.org:8443/releases/images/b/lxd.tar.xz",
            "/releases/images/x, https://images.example.org:8443/releases/images/x",
            "https://IMAGES.example.org:8443/releases/x, https://IMAGES.example.org:8443/releases/x"})
    void pathsBelowTheBaseResolveAgainstIt(String path, String url) {
        assertThat(base.resolve(path, "item x")).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://images.example.org/releases/x | leaves https://images.example.org:8443/releases/",
            "http://images.example.org:8443/releases/x | leaves https://images.example.org:8443/releases/",
            "//elsewhere.example.org:8443/releases/x | leaves https://images.example.org:8443/releases/",
            "https://user@images.example.org:8443/releases/x | leaves https://images.example.org:8443/releases/",
            "file:///etc/passwd | leaves https://images.example.org:8443/releases/",
            "../secret | leads above https://images.example.org:8443/releases/",
            "/other/x | leads above https://images.example.org:8443/releases/",
            "/releases-old/x | leads above https://images.example.org:8443/releases/",
            "%2e%2e/secret | leads above https://images.example.org:8443/releases/",
            "'' | is empty",
            "images/a b | is not a valid URL path"})
    void pathsThatLeaveTheBaseAreRefused(String path, String why) {
        assertThatThrownBy(() -> base.resolve(path, "item x")).isInstanceOf(EngineException.class)
                .hasMessage("Refused item x: its path \"" + path + "\" " + why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://images.example.org:8443", "https://images.example.org:8443/"})
    void aBaseAtTheRootAllowsEveryPathOfItsOrigin(String url) {
        assertThat(new StreamBase(url).resolve("/images/x", "item x"))
                .isEqualTo(URI.create("https://images.example.org:8443/images/x"));
    }
}
