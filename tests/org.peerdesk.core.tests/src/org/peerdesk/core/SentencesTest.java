package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void aClauseIsMadeASentenceOnce() {
        assertEquals("The folder cannot be read.", Sentences.of("the folder cannot be read"));
        assertEquals("Done.", Sentences.of("Done."));
        assertEquals("", Sentences.of(""));
    }

    @Test
    void longLinesAreBrokenAtTheirLastSpaceWithinTheWidth() {
        assertEquals("Last tried just\nnow: could not\nconnect.\nshort", Sentences.wrapped("Last tried just now: could not connect.\nshort", 15));
        assertEquals("fits", Sentences.wrapped("fits", 4));
        assertEquals("a\nhttps://example.org/a/long/path\nb", Sentences.wrapped("a https://example.org/a/long/path b", 10),
                "a word longer than the width stays whole");
        assertEquals("", Sentences.wrapped("", 10));
    }

    @Test
    void itemsAreListedWithAnAndBeforeTheLast() {
        assertEquals("", Sentences.listed(List.of()));
        assertEquals("Ben", Sentences.listed(List.of("Ben")));
        assertEquals("Ben and Cai", Sentences.listed(List.of("Ben", "Cai")));
        assertEquals("Ben, Cai and Dan", Sentences.listed(List.of("Ben", "Cai", "Dan")));
    }
}
