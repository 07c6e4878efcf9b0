package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerIdTest {

    private static final PeerId SAMPLE = PeerId.ofPublicKey("a public key".getBytes(StandardCharsets.UTF_8));

    @Test
    void textFormIsEightGroupsOfSevenFromTheBase32Alphabet() {
        String text = SAMPLE.toString();
        assertTrue(text.matches("([A-Z2-7]{7}-){7}[A-Z2-7]{7}"), text);
        assertEquals(text.substring(0, 7), SAMPLE.shortForm());
    }

    @Test
    void parsingTheTextFormGivesTheSameId() throws InvalidInputException {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[PeerId.LENGTH];
            random.nextBytes(bytes);
            PeerId id = new PeerId(bytes);
            assertEquals(id, PeerId.parse(id.toString()));
        }
    }

    @Test
    void parsingForgivesCaseSpacingAndLookAlikeDigits() throws InvalidInputException {
        String text = SAMPLE.toString();
        assertEquals(SAMPLE, PeerId.parse(text.toLowerCase()));
        assertEquals(SAMPLE, PeerId.parse(" " + text.replace('-', ' ') + "\n"));
        assertEquals(SAMPLE, PeerId.parse(text.replace("-", "")));
        assertEquals(SAMPLE, PeerId.parse(text.replace('O', '0').replace('I', '1').replace('B', '8')));
    }

    @Test
    void everySingleMistypedCharacterIsCaught() {
        String text = SAMPLE.toString();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '-') {
                continue;
            }
            char wrong = text.charAt(i) == 'A' ? 'C' : 'A';
            String typo = text.substring(0, i) + wrong + text.substring(i + 1);
            InvalidInputException error = assertThrows(InvalidInputException.class, () -> PeerId.parse(typo));
            assertTrue(error.getMessage().contains("typo"), error.getMessage());
        }
    }

    @Test
    void swappedNeighboursAreCaughtMostOfTheTime() {
        String text = SAMPLE.toString().replace("-", "");
        int caught = 0;
        int swaps = 0;
        for (int i = 0; i + 1 < text.length(); i++) {
            if (text.charAt(i) == text.charAt(i + 1)) {
                continue;
            }
            swaps++;
            String swapped = text.substring(0, i) + text.charAt(i + 1) + text.charAt(i) + text.substring(i + 2);
            try {
                PeerId.parse(swapped);
            } catch (InvalidInputException e) {
                caught++;
            }
        }
        assertTrue(caught >= swaps * 9 / 10, caught + " of " + swaps + " swaps caught");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ABC", "AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAA"})
    void incompleteIdsAreRefusedSayingWhy(String text) {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> PeerId.parse(text));
        assertTrue(error.getMessage().contains("empty") || error.getMessage().contains("56"), error.getMessage());
    }

    @Test
    void charactersOutsideTheAlphabetAreRefused() {
        String text = SAMPLE.toString();
        String bad = "!" + text.substring(1);
        assertThrows(InvalidInputException.class, () -> PeerId.parse(bad));
        assertThrows(InvalidInputException.class, () -> PeerId.parse(null));
    }

    @Test
    void idsAreValuesWhoseBytesCannotBeChangedFromOutside() {
        byte[] bytes = new byte[PeerId.LENGTH];
        PeerId id = new PeerId(bytes);
        bytes[0] = 1;
        id.bytes()[1] = 1;
        assertEquals(new PeerId(new byte[PeerId.LENGTH]), id);
        assertEquals(new PeerId(new byte[PeerId.LENGTH]).hashCode(), id.hashCode());
        assertNotEquals(SAMPLE, id);
        assertThrows(IllegalArgumentException.class, () -> new PeerId(new byte[31]));
    }

    @Test
    void idsOfDifferentKeysDiffer() {
        Set<PeerId> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(PeerId.ofPublicKey(("key " + i).getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals(1000, ids.size());
    }

    @Test
    void topicsAreRootedPerArea() {
        assertEquals("org/peerdesk/files", Topics.area("files"));
        assertEquals("org/peerdesk/files/*", Topics.all(Topics.area("files")));
        assertThrows(IllegalArgumentException.class, () -> Topics.area("Files/x"));
    }
}
