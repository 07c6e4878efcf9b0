package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CountsTest {

    @Test
    void oneThingIsSingularAndAnyOtherNumberPlural() {
        assertEquals("1 conversation", Counts.of(1, "conversation"));
        assertEquals("0 conversations", Counts.of(0, "conversation"));
        assertEquals("2 files", Counts.of(2, "file"));
        assertEquals("1 entry", Counts.of(1, "entry", "entries"));
        assertEquals("3 entries", Counts.of(3, "entry", "entries"));
    }

    @Test
    void workUnderWayCountsTheWholeAsItsNumberSays() {
        assertEquals("40 of 120 paths", Counts.outOf(40, 120, "path"));
        assertEquals("0 of 1 path", Counts.outOf(0, 1, "path"));
    }
}
