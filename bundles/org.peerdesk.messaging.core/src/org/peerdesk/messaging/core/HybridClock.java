package org.peerdesk.messaging.core;

import java.time.Clock;

/**
 * A hybrid logical clock: milliseconds of wall time in the upper 48 bits, a counter in the lower
 * 16. Readings never go backwards and always pass every reading seen from other peers, so a reply
 * sorts after what it answers even when the two machines' clocks disagree.
 */
final class HybridClock {

    static final int COUNTER_BITS = 16;
    /** How far ahead of our wall clock a peer's reading may be before we stop following it. */
    static final long MAX_DRIFT_MILLIS = 60_000;

    private final Clock wall;
    private long last;

    HybridClock(Clock wall, long start) {
        this.wall = wall;
        this.last = start;
    }

    /** A reading for a new event here. */
    synchronized long tick() {
        last = Math.max(last + 1, physical());
        return last;
    }

    /**
     * Takes in a reading from a peer. Readings too far in the future are not followed (a peer's
     * broken clock must not drag ours along); they still sort where their clock puts them.
     */
    synchronized void witness(long remote) {
        if ((remote >>> COUNTER_BITS) <= wall.millis() + MAX_DRIFT_MILLIS) {
            last = Math.max(last, remote);
        }
    }

    /** The wall clock's milliseconds: what messages' times are compared with, such as when they disappear. */
    long wallMillis() {
        return wall.millis();
    }

    private long physical() {
        return wall.millis() << COUNTER_BITS;
    }
}
