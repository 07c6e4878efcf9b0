package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TextDiffTest {

    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@");

    @Test
    void theUnionHoldsEveryLineOfBothEachOnceWhereShared() {
        List<String> mine = List.of("milk", "eggs", "tea");
        List<String> theirs = List.of("milk", "bread", "tea", "jam");
        assertEquals(List.of("milk", "eggs", "bread", "tea", "jam"), TextDiff.of(mine, theirs, 100).orElseThrow().union(),
                "where they differ, the original's lines first");
        assertEquals(mine, TextDiff.of(mine, mine, 100).orElseThrow().union());
        assertEquals(theirs, TextDiff.of(List.of(), theirs, 100).orElseThrow().union());
    }

    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", TextDiff.of(List.of("a", "b"), List.of("a", "b"), 10).orElseThrow().unified("x", "y"));
    }

    @Test
    void aChangedLineShowsWithThreeLinesAroundIt() {
        List<String> original = numbered(20);
        List<String> changed = new ArrayList<>(original);
        changed.set(9, "line ten, edited");
        assertEquals("""
                --- plan.txt
                +++ plan (Ben).txt
                @@ -7,7 +7,7 @@
                 line 7
                 line 8
                 line 9
                -line 10
                +line ten, edited
                 line 11
                 line 12
                 line 13
                """, TextDiff.of(original, changed, 100).orElseThrow().unified("plan.txt", "plan (Ben).txt"));
    }

    @Test
    void linesAddedAtTheEndAndRemovedAtTheStart() {
        assertEquals("""
                --- a
                +++ b
                @@ -1,3 +0,0 @@
                -one
                -two
                -three
                """, TextDiff.of(List.of("one", "two", "three"), List.of(), 10).orElseThrow().unified("a", "b"));
        assertEquals("""
                --- a
                +++ b
                @@ -1,1 +1,2 @@
                 one
                +two
                """, TextDiff.of(List.of("one"), List.of("one", "two"), 10).orElseThrow().unified("a", "b"));
    }

    @Test
    void changesFarApartAreHunksOfTheirOwnAndNearOnesShareOne() {
        List<String> original = numbered(40);
        List<String> far = new ArrayList<>(original);
        far.set(2, "x");
        far.set(30, "y");
        assertEquals(2, hunks(TextDiff.of(original, far, 100).orElseThrow().unified("a", "b")));
        List<String> near = new ArrayList<>(original);
        near.set(10, "x");
        near.set(15, "y");
        assertEquals(1, hunks(TextDiff.of(original, near, 100).orElseThrow().unified("a", "b")));
    }

    @Test
    void textsTooDifferentAreNotCompared() {
        assertTrue(TextDiff.of(numbered(50), List.of("something else"), 20).isEmpty());
        assertTrue(TextDiff.of(numbered(50), List.of("something else"), 51).isPresent());
    }

    /** Random edits: the diff is as short as can be, and applying it to the original gives the changed text. */
    @Test
    void theDiffIsMinimalAndRebuildsTheChangedText() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            List<String> original = randomLines(random, random.nextInt(30));
            List<String> changed = new ArrayList<>(original);
            for (int edit = random.nextInt(8); edit > 0; edit--) {
                int at = changed.isEmpty() ? 0 : random.nextInt(changed.size() + 1);
                if (random.nextBoolean() && at < changed.size()) {
                    changed.remove(at);
                } else {
                    changed.add(at, String.valueOf((char) ('a' + random.nextInt(4))));
                }
            }
            String unified = TextDiff.of(original, changed, 1000).orElseThrow().unified("a", "b");
            long edits = unified.lines().skip(2).filter(line -> line.startsWith("-") || line.startsWith("+")).count();
            assertEquals(original.size() + changed.size() - 2 * longestCommon(original, changed), edits, original + " -> " + changed);
            assertEquals(changed, apply(original, unified), original + " -> " + changed);
        }
    }

    private static List<String> numbered(int lines) {
        return IntStream.rangeClosed(1, lines).mapToObj(i -> "line " + i).toList();
    }

    private static List<String> randomLines(Random random, int lines) {
        return IntStream.range(0, lines).mapToObj(i -> String.valueOf((char) ('a' + random.nextInt(4)))).toList();
    }

    private static int hunks(String unified) {
        return (int) unified.lines().filter(line -> line.startsWith("@@")).count();
    }

    private static int longestCommon(List<String> a, List<String> b) {
        int[][] lengths = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lengths[i][j] = a.get(i).equals(b.get(j)) ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
            }
        }
        return lengths[0][0];
    }

    /** Applies a unified diff as patch(1) would, checking that its context and removed lines are the original's. */
    private static List<String> apply(List<String> original, String unified) {
        List<String> result = new ArrayList<>();
        int next = 0; // the next original line not yet copied
        for (String line : unified.lines().skip(2).toList()) {
            Matcher hunk = HUNK.matcher(line);
            if (hunk.matches()) {
                int start = Integer.parseInt(hunk.group(2)) == 0 ? Integer.parseInt(hunk.group(1)) : Integer.parseInt(hunk.group(1)) - 1;
                while (next < start) {
                    result.add(original.get(next++));
                }
            } else if (line.startsWith("+")) {
                result.add(line.substring(1));
            } else {
                assertEquals(original.get(next), line.substring(1), "context and removed lines are the original's");
                if (line.startsWith(" ")) {
                    result.add(original.get(next));
                }
                next++;
            }
        }
        while (next < original.size()) {
            result.add(original.get(next++));
        }
        return result;
    }
}
