package org.peerdesk.examples.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the editor changes when others' edits come: only what differs, and never half of a character. */
class TextChangeTest {

    @Test
    void onlyWhatDiffersIsReplaced() {
        assertEquals(new TextChange(6, 0, "big "), TextChange.between("a day trip", "a day big trip"));
        assertEquals(new TextChange(2, 3, "night"), TextChange.between("a day trip", "a night trip"));
        assertEquals(new TextChange(0, 0, "x"), TextChange.between("", "x"));
        assertTrue(TextChange.between("same", "same").none());
    }

    @Test
    void aCharacterOfTwoCharsIsReplacedWhole() {
        TextChange change = TextChange.between("a🙂b", "a😀b"); // the two share their first char
        assertEquals(1, change.start());
        assertEquals(2, change.removed());
        assertEquals("😀", change.inserted());
        for (String[] pair : new String[][] {{"x🙂", "x🙂🙂"}, {"🙂😀", "😀"}, {"a🙂", "a😀🙂"}}) {
            TextChange between = TextChange.between(pair[0], pair[1]);
            assertEquals(pair[1], apply(pair[0], between));
            int start = between.start();
            assertTrue(start == pair[0].length() || !Character.isLowSurrogate(pair[0].charAt(start)), "starts between characters: " + between);
        }
    }

    private static String apply(String text, TextChange change) {
        return text.substring(0, change.start()) + change.inserted() + text.substring(change.start() + change.removed());
    }
}
