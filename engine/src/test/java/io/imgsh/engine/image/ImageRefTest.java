package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code [remote:]name} as lxc/config/remote.go splits it. */
class ImageRefTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "abc|local|abc",
            "local:abc|local|abc",
            ":abc|''|abc",
            "peer:abc|peer|abc",
            "peer:|peer|default",
            "''|local|default",
            ":|''|default",
            "a:b:c|a|b:c",
            "ab6fcc1f7c7d|local|ab6fcc1f7c7d",
            "ubuntu/22.04|local|ubuntu/22.04"})
    void splitsAtTheFirstColon(String text, String remote, String name) {
        assertThat(ImageRef.parse(text, ImageRef.LOCAL)).isEqualTo(new ImageRef(remote, name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"abc|images|abc", ":x|''|x", "local:x|local|x"})
    void theDefaultRemoteIsConfigurable(String text, String remote, String name) {
        assertThat(ImageRef.parse(text, "images")).isEqualTo(new ImageRef(remote, name));
    }

    @Test
    void aNameMayStayEmptyAndABareRemoteIsATarget() {
        assertThat(ImageRef.parseName("peer:", ImageRef.LOCAL)).isEqualTo(new ImageRef("peer", ""));
        assertThat(ImageRef.parseName("web", "peer")).isEqualTo(new ImageRef("peer", "web"));
        assertThat(ImageRef.target("peer:")).contains("peer");
        assertThat(ImageRef.target(":")).contains("");
        assertThat(ImageRef.target("peer:x")).isEmpty();
        assertThat(ImageRef.target("peer")).isEmpty();
        assertThat(ImageRef.target("a:b:")).isEmpty();
    }
}
