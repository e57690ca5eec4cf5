package io.imgsh.shell.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.Image;
import io.imgsh.shell.render.ImageColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrowseModelOrderTest {
    private static BrowseModel.Row row(String fingerprint) {
        Image image = new Image(false, Map.of(), false, Instant.EPOCH, List.of(), List.of(), "x86_64", false, "",
                fingerprint, 1, null, "container", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);
        return new BrowseModel.Row(image, BrowseModel.COLUMNS.stream().map(c -> c.cell(image)).toArray(String[]::new));
    }

    @Test
    void fingerprintsSortAsPlainStringsNotAsNumbers() {
        // natural order would read 9 and 10 as numbers and put a9… before a10…
        List<BrowseModel.Row> rows = new ArrayList<>(List.of(row("a9b" + "0".repeat(61)), row("a10" + "0".repeat(61)),
                row("0b" + "0".repeat(62))));
        rows.sort(BrowseModel.order(BrowseModel.COLUMNS.indexOf(ImageColumns.FINGERPRINT)));
        assertThat(rows).extracting(BrowseModel.Row::fingerprint)
                .containsExactly("0b" + "0".repeat(62), "a10" + "0".repeat(61), "a9b" + "0".repeat(61));
    }
}
