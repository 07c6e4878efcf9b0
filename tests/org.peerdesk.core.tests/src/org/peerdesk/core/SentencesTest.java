package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void aClauseIsMadeASentenceOnce() {
        assertEquals("The folder cannot be read.", Sentences.of("the folder cannot be read"));
        assertEquals("Done.", Sentences.of("Done."));
        assertEquals("", Sentences.of(""));
    }
}
