package org.peerdesk.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** How table columns share out a table's width. */
class TablesTest {

    @Test
    void aWideTableWidensItsColumnsInProportionToTheirLeastWidths() {
        assertArrayEquals(new int[] {200, 100}, Tables.widths(new int[] {100, 50}, new int[] {40, 30}, 300));
        assertArrayEquals(new int[] {100, 50}, Tables.widths(new int[] {100, 50}, new int[] {40, 30}, 150));
    }

    @Test
    void aNarrowTableNarrowsItsColumnsTowardTheirTitlesSoThatAllFit() {
        int[] least = {130, 110, 60, 120};
        int[] titles = {40, 40, 35, 55};
        int[] widths = Tables.widths(least, titles, 301);
        assertEquals(301, IntStream.of(widths).sum(), "every column within the table");
        for (int i = 0; i < widths.length; i++) {
            assertTrue(widths[i] >= titles[i] && widths[i] <= least[i], "column " + i + ": " + widths[i]);
        }
        assertTrue(widths[0] - titles[0] > widths[2] - titles[2], "each gives up in proportion to what it has beyond its title");
    }

    @Test
    void aColumnWithRowsAsksForItsWidestTextAnEmptyOneForItsTitleAndNoneForMoreThanTheMost() {
        assertEquals(260, Tables.wanted(260, 60, OptionalInt.empty()), "no rows yet: the width it was made with");
        assertEquals(60, Tables.wanted(260, 60, OptionalInt.of(14)), "nothing in it: its title");
        assertEquals(190, Tables.wanted(100, 40, OptionalInt.of(190)), "a text wider than it was made for");
        assertEquals(Tables.WIDEST_WANTED, Tables.wanted(100, 40, OptionalInt.of(5000)), "a very long text");
    }

    @Test
    void noColumnIsNarrowerThanItsTitleAndOneAtItsTitleKeepsIt() {
        assertArrayEquals(new int[] {40, 40, 35, 55}, Tables.widths(new int[] {130, 110, 60, 120}, new int[] {40, 40, 35, 55}, 100));
        assertArrayEquals(new int[] {50, 60}, Tables.widths(new int[] {100, 60}, new int[] {50, 60}, 110));
    }
}
