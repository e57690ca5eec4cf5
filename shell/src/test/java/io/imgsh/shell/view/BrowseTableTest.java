package io.imgsh.shell.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The column layout: which columns give way on a narrow screen, and how far the columns scroll. */
class BrowseTableTest {
    // ALIAS, FINGERPRINT, PUBLIC, DESCRIPTION, ARCHITECTURE, TYPE, SIZE, UPLOAD DATE: 139 wide, 155 with the
    // gutter and the gaps
    private static int[] widest() {
        return new int[] {30, 12, 6, 40, 12, 9, 10, 20};
    }

    @Test
    void aTableThatFitsKeepsItsWidths() {
        assertThat(BrowseTable.layout(widest(), 155)).containsExactly(widest());
    }

    @Test
    void theDescriptionGivesWayFirstDownToTwenty() {
        assertThat(BrowseTable.layout(widest(), 135)).containsExactly(30, 12, 6, 20, 12, 9, 10, 20);
    }

    @Test
    void thenTheAliasDownToSixteenThenBothFurther() {
        // 45 too wide: description 40→20, alias 30→16, description 20→11, alias 16→14
        assertThat(BrowseTable.layout(widest(), 110)).containsExactly(14, 12, 6, 11, 12, 9, 10, 20);
    }

    @Test
    void neverBelowElevenAndTenTheRestIsCutAtTheRightEdge() {
        assertThat(BrowseTable.layout(widest(), 60)).containsExactly(10, 12, 6, 11, 12, 9, 10, 20);
    }

    @Test
    void theColumnsScrollUntilTheRightEdgeShows() {
        int[] widths = BrowseTable.layout(widest(), 60);
        // from column 4: 2 + 12 + 2 + 9 + 2 + 10 + 2 + 20 = 59 fits in 60; column 3 (11 more and a gap) would not
        assertThat(BrowseTable.lastFirstColumn(widths, 60)).isEqualTo(4);
        assertThat(BrowseTable.lastFirstColumn(widest(), 155)).isZero();
    }
}
