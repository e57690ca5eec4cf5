package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.json.ApiTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ImageETagTest {
    /** The value verified against LXD 5.0.2 in lxd-5.0.2-observed.md §5 ("fe034684…60b3"). */
    @Test
    void matchesTheEtagLxdSent() {
        Map<String, String> properties = new TreeMap<>(Map.of("description", "Edited description", "os", "imgshtest",
                "release", "1.0", "variant", "default"));
        Image image = new Image(true, properties, true, Instant.EPOCH, List.of("default"), List.of(), "x86_64", false,
                "unified-gz.tar.gz", "38e82544a8777860efb603a48ca17be1c23869c82493aee6589320216332ab7a", 734, null,
                "container", Instant.ofEpochSecond(1700000000), ApiTime.NEVER, Instant.EPOCH);
        assertThat(ImageETag.of(image)).isEqualTo("fe034684b1980d6fbf06a2476096863009379f3af59ce78e4875101d41a860b3");
    }
}
