package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** How lanes share a queue of files: a few at a time when there are many, one at a time when few. */
class PeerLaneTest {

    @Test
    void manyFilesGoEightToATurnAndTheLastTurnTakesWhatIsLeft() {
        Queue<Integer> queue = new ArrayDeque<>(IntStream.range(0, 300).boxed().toList());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), PeerLane.take(queue, 300, 16));
        while (queue.size() > 4) {
            assertEquals(PeerLane.FILES_PER_TURN, PeerLane.take(queue, 300, 16).size());
        }
        assertEquals(List.of(296, 297, 298, 299), PeerLane.take(queue, 300, 16));
        assertEquals(List.of(), PeerLane.take(queue, 300, 16));
    }

    @Test
    void fewFilesAreSpreadOverTheLanes() {
        Queue<Integer> queue = new ArrayDeque<>(IntStream.range(0, 40).boxed().toList());
        assertEquals(List.of(0, 1), PeerLane.take(queue, 40, 16), "two each keeps all sixteen lanes busy");
        assertEquals(List.of(40), PeerLane.take(new ArrayDeque<>(List.of(40)), 1, 4));
    }
}
