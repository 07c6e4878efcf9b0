package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** How a round's lanes wait for work the round may still add, and how the round tells they are done. */
class RoundQueueTest {

    @Test
    void aLaneWaitsOnAnEmptyQueueUntilWorkComesOrTheRoundClosesIt() throws Exception {
        RoundQueue<Integer> queue = new RoundQueue<>(1);
        CompletableFuture<List<Integer>> first = CompletableFuture.supplyAsync(() -> take(queue));
        assertTrue(queue.awaitIdle(5_000), "the lane waits on the empty queue");
        assertFalse(first.isDone());
        queue.add(List.of(7));
        assertEquals(List.of(7), first.get(5, TimeUnit.SECONDS));

        CompletableFuture<List<Integer>> second = CompletableFuture.supplyAsync(() -> take(queue));
        assertTrue(queue.awaitIdle(5_000));
        queue.close();
        assertEquals(List.of(), second.get(5, TimeUnit.SECONDS), "closed and drained: the lane stops");
    }

    @Test
    void theRoundIsNotIdleWhileWorkIsQueuedOrALaneIsBusy() throws Exception {
        RoundQueue<Integer> queue = new RoundQueue<>(2);
        queue.add(List.of(1, 2, 3));
        assertFalse(queue.awaitIdle(20), "nobody took the work yet");
        assertEquals(List.of(1), queue.take(), "three items on two lanes: one each");
        CompletableFuture<List<Integer>> other = CompletableFuture.supplyAsync(() -> take(queue));
        assertEquals(List.of(2), other.get(5, TimeUnit.SECONDS));
        assertFalse(queue.awaitIdle(20), "item 3 waits");
        assertEquals(List.of(3), queue.take());
        assertFalse(queue.awaitIdle(20), "neither lane is waiting: both still work on what they took");
        queue.laneEnded();
        queue.laneEnded();
        assertTrue(queue.awaitIdle(20), "no lane is left to work");
    }

    @Test
    void turnsAreSizedByAllTheWorkAddedSoFar() throws Exception {
        RoundQueue<Integer> queue = new RoundQueue<>(16);
        queue.add(IntStream.range(0, 20).boxed().toList());
        assertEquals(1, queue.take().size(), "20 items on 16 lanes: one at a time");
        queue.add(IntStream.range(20, 300).boxed().toList());
        assertEquals(PeerLane.FILES_PER_TURN, queue.take().size(), "300 items: eight at a time");
    }

    @Test
    void workThatNoLaneTookIsReportedWhenDropped() {
        RoundQueue<Integer> queue = new RoundQueue<>(1);
        assertFalse(queue.drop());
        queue.add(List.of(1));
        queue.laneEnded();
        assertTrue(queue.drop(), "a lane failed with item 1 still queued");
        assertFalse(queue.drop());
    }

    private static List<Integer> take(RoundQueue<Integer> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
