package io.imgsh.engine.remote.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AllowListTest {
    @Test
    void hostsAndPorts() {
        AllowList list = AllowList.parse(" Images.Example.org , cdn.example.net:8443,[::1]:9443, 10.0.0.1");
        assertThat(list.allows(URI.create("https://images.example.org/x"))).isTrue();
        assertThat(list.allows(URI.create("https://IMAGES.example.org.:444/x"))).isTrue();
        assertThat(list.allows(URI.create("https://cdn.example.net:8443/x"))).isTrue();
        assertThat(list.allows(URI.create("https://cdn.example.net/x"))).isFalse();
        assertThat(list.allows(URI.create("https://[::1]:9443/x"))).isTrue();
        assertThat(list.allows(URI.create("https://[::1]/x"))).isFalse();
        assertThat(list.allows(URI.create("https://10.0.0.1/x"))).isTrue();
        assertThat(list.allows(URI.create("https://10.0.0.2/x"))).isFalse();
        assertThat(list.allows(URI.create("https://evil.example.org.images.example.org.evil/x"))).isFalse();
        assertThat(list.allows(URI.create("https://sub.images.example.org/x"))).isFalse();
        assertThat(list).hasToString("images.example.org,cdn.example.net:8443,[::1]:9443,10.0.0.1");
        assertThat(AllowList.parse("").isEmpty()).isTrue();
        assertThat(AllowList.parse(" ").isEmpty()).isTrue();
    }

    @Test
    void invalidEntries() {
        for (String bad : new String[] {"https://a.org", "a.org/path", "*.a.org", "user@a.org", "a.org:0",
                "a.org:x", "::1", "a..org", "-a.org", "a.org,", "[zz]"}) {
            assertThatThrownBy(() -> AllowList.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> AllowList.parse("::1")).hasMessageContaining("brackets");
    }
}
