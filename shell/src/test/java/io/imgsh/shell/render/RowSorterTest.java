package io.imgsh.shell.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowSorterTest {
    @Test
    void firstDifferingColumnDecidesNaturally() {
        List<List<String>> rows = new ArrayList<>(List.of(
                List.of("uni-xz", "b"), List.of("split", "z"), List.of("split", "a10"), List.of("split", "a9")));
        RowSorter.sort(rows);
        assertThat(rows).containsExactly(
                List.of("split", "a9"), List.of("split", "a10"), List.of("split", "z"), List.of("uni-xz", "b"));
    }

    @Test
    void emptyCellsSortAfterNonEmptyOnes() {
        List<List<String>> rows = new ArrayList<>(List.of(
                List.of("", "891726af20be"), List.of("", "9aadca75a3c1"), List.of("uni-gz", "38e82544a877"),
                List.of("split", ""), List.of("split", "8b63b0cd169b")));
        RowSorter.sort(rows);
        assertThat(rows).containsExactly(
                List.of("split", "8b63b0cd169b"), List.of("split", ""), List.of("uni-gz", "38e82544a877"),
                List.of("", "9aadca75a3c1"), List.of("", "891726af20be"));
    }

    @Test
    void defaultColumnsOfTheTranscript() {
        List<List<String>> rows = Fixtures.imageRows();
        RowSorter.sort(rows);
        assertThat(rows).extracting(row -> row.get(0)).containsExactly("split", "split-sq", "uni-gz", "uni-xz");
    }
}
