package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void charactersFileSystemsRefuseBecomeUnderscoresAndANameNeverHidesOrVanishes() {
        assertEquals("Team_ Thursday_Friday", FileNames.of("Team: Thursday/Friday"));
        assertEquals("a_b_c_d_e_f_g_h_i_j", FileNames.of("a\\b*c?d\"e<f>g|h\ni\u0000j"));
        assertEquals("_.hidden", FileNames.of(".hidden"));
        assertEquals("_", FileNames.of("   "));
        assertEquals("Ünïcödé 🙂 stays", FileNames.of("Ünïcödé 🙂 stays"));
    }

    @Test
    void aLongNameIsCutWithoutSplittingACharacterOfTwoChars() {
        assertEquals("x".repeat(FileNames.MOST_CHARS), FileNames.of("x".repeat(200)));
        String cut = FileNames.of("x".repeat(FileNames.MOST_CHARS - 1) + "🙂🙂");
        assertEquals("x".repeat(FileNames.MOST_CHARS - 1), cut, "the emoji would be split at the cut: it goes whole");
    }
}
