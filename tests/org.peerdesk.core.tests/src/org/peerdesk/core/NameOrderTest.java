package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class NameOrderTest {

    @Test
    void numbersGoByTheirValueAndLettersWithoutRegardToCase() {
        List<String> names = new ArrayList<>(List.of("Chapter 10.md", "chapter 2.md", "Chapter 1.md", "appendix.md",
                "IMG_100.jpg", "img_9.jpg", "IMG_10.jpg", "Zebra", "apple"));
        names.sort(NameOrder.NAMES);
        assertEquals(List.of("appendix.md", "apple", "Chapter 1.md", "chapter 2.md", "Chapter 10.md", "img_9.jpg",
                "IMG_10.jpg", "IMG_100.jpg", "Zebra"), names);
    }

    @Test
    void leadingZerosDoNotChangeANumbersPlaceAndTheTextSettlesTies() {
        List<String> names = new ArrayList<>(List.of("f2", "f1", "f010", "f01", "F1", "f9"));
        names.sort(NameOrder.NAMES);
        assertEquals(List.of("F1", "f01", "f1", "f2", "f9", "f010"), names);
        assertEquals(NameOrder.key("f01"), NameOrder.key("F1"));
    }

    @Test
    void numbersOfAnyLengthSortByValueAsPlainTextOfTheirKeys() {
        Random random = new Random(7);
        List<BigInteger> numbers = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            numbers.add(new BigInteger(1 + random.nextInt(400), random));
        }
        List<String> byKey = new ArrayList<>(numbers.stream().map(n -> "take " + n + ".txt").toList());
        byKey.sort(Comparator.comparing(NameOrder::key));
        numbers.sort(Comparator.naturalOrder());
        assertEquals(numbers.stream().map(n -> "take " + n + ".txt").toList(), byKey);
    }

    @Test
    void aNumberSortsAgainstOtherCharactersAsItsFirstDigitWould() {
        assertTrue(NameOrder.key("a.txt").compareTo(NameOrder.key("a1.txt")) < 0, "'.' sorts before a digit");
        assertTrue(NameOrder.key("a123456789").compareTo(NameOrder.key("ab")) < 0, "a digit sorts before a letter");
        assertTrue(NameOrder.key("a 1").compareTo(NameOrder.key("a-1")) < 0);
        assertTrue(NameOrder.key("report 2").compareTo(NameOrder.key("report 2 final")) < 0);
    }
}
