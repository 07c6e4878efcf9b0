package org.peerdesk.files.core;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The work of a sync round, taken a few items at a time by its lanes, to which the round may add
 * more while they work (the peer's further changes). A lane that finds it empty waits until more
 * comes or the round closes it; the round closes it once every lane waits and nothing more is due.
 * Safe from several threads at once.
 */
final class RoundQueue<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int lanes;
    private int added;
    private int running;
    private int waiting;
    private boolean closed;

    RoundQueue(int lanes) {
        this.lanes = lanes;
        this.running = lanes;
    }

    synchronized void add(Collection<T> more) {
        items.addAll(more);
        added += more.size();
        notifyAll();
    }

    /**
     * A lane's next turn (as {@link PeerLane#take} sizes it, by everything added so far), waiting while
     * the queue is empty and open; empty once it is closed and drained.
     */
    synchronized List<T> take() throws InterruptedException {
        waiting++;
        notifyAll();
        try {
            while (items.isEmpty() && !closed) {
                wait();
            }
        } finally {
            waiting--;
        }
        return PeerLane.take(items, added, lanes);
    }

    /** A lane stopped taking work (it finished, or failed): idleness no longer waits for it. */
    synchronized void laneEnded() {
        running--;
        notifyAll();
    }

    /** Waits at most {@code millis} for every running lane to wait on an empty queue; true if they do. */
    synchronized boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!idle()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private boolean idle() {
        return running == 0 || items.isEmpty() && waiting == running;
    }

    /** Nothing more will be added: lanes take what is left, then stop. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Empties the queue; returns whether anything was still in it (work no lane will do). */
    synchronized boolean drop() {
        boolean left = !items.isEmpty();
        items.clear();
        return left;
    }
}
