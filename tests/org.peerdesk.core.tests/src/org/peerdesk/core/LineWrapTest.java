package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LineWrapTest {

    @Test
    void longLinesBreakAtTheLastSpaceThatFits() {
        assertEquals("the quick\nbrown fox\njumps", LineWrap.of("the quick brown fox jumps", 10));
        assertEquals("exactly 10", LineWrap.of("exactly 10", 10));
    }

    @Test
    void lineBreaksAndSpacingInTheTextStay() {
        assertEquals("one\n\ntwo  three", LineWrap.of("one\n\ntwo  three", 20));
        assertEquals(" indented", LineWrap.of(" indented", 20));
    }

    @Test
    void aWordLongerThanTheWidthStaysWholeOnItsOwnLine() {
        assertEquals("see\nhttps://example.org/a/long/path\nnow", LineWrap.of("see https://example.org/a/long/path now", 10));
    }
}
