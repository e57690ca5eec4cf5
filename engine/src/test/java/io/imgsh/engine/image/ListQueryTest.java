package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListQueryTest {
    @Test
    void theFirstArgumentMayNameTheRemote() {
        assertThat(ListQuery.parse(List.of())).isEqualTo(new ListQuery(null, List.of()));
        assertThat(ListQuery.parse(List.of("peer:"))).isEqualTo(new ListQuery("peer", List.of()));
        assertThat(ListQuery.parse(List.of("peer:web", "os=x"))).isEqualTo(new ListQuery("peer", List.of("web", "os=x")));
        // an empty remote is named as such, and refused where it is looked up, as in LXD
        assertThat(ListQuery.parse(List.of(":web"))).isEqualTo(new ListQuery("", List.of("web")));
    }

    @Test
    void aColonInsideAKeyValueFilterIsNoRemote() {
        assertThat(ListQuery.parse(List.of("description=a:b"))).isEqualTo(new ListQuery(null, List.of("description=a:b")));
        assertThat(ListQuery.parse(List.of("web", "peer:x"))).isEqualTo(new ListQuery(null, List.of("web", "peer:x")));
    }
}
