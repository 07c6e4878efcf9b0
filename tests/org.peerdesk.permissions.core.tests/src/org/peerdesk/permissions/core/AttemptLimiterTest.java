package org.peerdesk.permissions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;
import org.peerdesk.testing.SettableClock;

class AttemptLimiterTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final AttemptLimiter limiter = new AttemptLimiter(clock, 5, Duration.ofMinutes(15));

    private static PeerId peer(int n) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) n;
        return new PeerId(bytes);
    }

    @Test
    void eachFailureDoublesTheWaitThenLocksOut() {
        PeerId mallory = peer(1);
        assertEquals(Optional.empty(), limiter.waitBefore(mallory, "docs"));
        for (int failure = 1; failure <= 4; failure++) {
            assertFalse(limiter.failed(mallory, "docs"));
            assertEquals(Optional.of(new AttemptLimiter.Wait(Duration.ofSeconds(1L << (failure - 1)), false)),
                    limiter.waitBefore(mallory, "docs"), "a short pause, not a lock-out");
            clock.advance(Duration.ofSeconds(1L << (failure - 1)));
            assertEquals(Optional.empty(), limiter.waitBefore(mallory, "docs"));
        }
        assertTrue(limiter.failed(mallory, "docs"), "the fifth failure locks out");
        assertEquals(Optional.of(new AttemptLimiter.Wait(Duration.ofMinutes(15), true)), limiter.waitBefore(mallory, "docs"));
        assertEquals(Optional.empty(), limiter.waitBefore(mallory, "photos"), "other resources are not affected");
        assertEquals(Optional.empty(), limiter.waitBefore(peer(2), "docs"), "other peers are not affected");
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Optional.empty(), limiter.waitBefore(mallory, "docs"));
        assertFalse(limiter.failed(mallory, "docs"), "after serving the lock-out, counting starts over");
    }

    @Test
    void successForgetsFailures() {
        PeerId alice = peer(3);
        limiter.failed(alice, "docs");
        limiter.failed(alice, "docs");
        limiter.succeeded(alice, "docs");
        assertEquals(Optional.empty(), limiter.waitBefore(alice, "docs"));
    }

    @Test
    void manyPeersGuessingOneResourceLockItForEveryone() {
        boolean locked = false;
        for (int n = 0; n < 20; n++) {
            locked = limiter.failed(peer(10 + n), "docs");
        }
        assertTrue(locked);
        assertTrue(limiter.waitBefore(peer(99), "docs").orElseThrow().lockedOut(), "a fresh identity cannot go on guessing");
        assertTrue(limiter.lockOuts().contains(new AttemptLimiter.LockOut(Optional.empty(), "docs", clock.instant().plus(Duration.ofMinutes(15)))),
                "the resource's lock-out is one to tell of: " + limiter.lockOuts());
    }

    @Test
    void aLimiterStartedFromWhatAnotherKeptGoesOnWhereItStopped() {
        List<AttemptLimiter.Count> kept = new ArrayList<>();
        AttemptLimiter before = new AttemptLimiter(clock, 5, Duration.ofMinutes(15), List.of(), kept::addAll);
        PeerId mallory = peer(1);
        for (int failure = 1; failure <= 5; failure++) {
            before.failed(mallory, "docs");
            clock.advance(Duration.ofSeconds(16));
        }
        before.failed(peer(2), "docs");
        before.succeeded(peer(2), "docs");

        AttemptLimiter after = new AttemptLimiter(clock, 5, Duration.ofMinutes(15), latest(kept), unused -> {
        });
        assertTrue(after.waitBefore(mallory, "docs").orElseThrow().lockedOut(), "a restart ends no lock-out");
        assertEquals(Optional.empty(), after.waitBefore(peer(2), "docs"), "a success forgot that peer's failure for good");
        for (int n = 0; n < 14; n++) {
            after.failed(peer(10 + n), "docs");
        }
        assertTrue(after.waitBefore(peer(99), "docs").orElseThrow().lockedOut(),
                "the six failures counted before the restart count towards everyone's twenty");
    }

    @Test
    void aLockOutServedWhileStoppedIsForgotten() {
        PeerId mallory = peer(1);
        Instant ended = clock.instant().minusSeconds(1);
        List<AttemptLimiter.Count> forgotten = new ArrayList<>();
        AttemptLimiter limiter = new AttemptLimiter(clock, 5, Duration.ofMinutes(15),
                List.of(new AttemptLimiter.Count(Optional.of(mallory), "docs", 5, ended),
                        new AttemptLimiter.Count(Optional.of(peer(2)), "docs", 2, ended)),
                forgotten::addAll);
        assertEquals(List.of(new AttemptLimiter.Count(Optional.of(mallory), "docs", 0, Instant.MIN)), forgotten);
        assertFalse(limiter.failed(mallory, "docs"), "counting starts over");
        assertFalse(limiter.failed(peer(2), "docs"));
        assertTrue(limiter.waitBefore(peer(2), "docs").orElseThrow().left().compareTo(Duration.ofSeconds(4)) == 0,
                "two failures kept and a third: a wait of four seconds");
    }

    /** The last count kept of each peer (or everyone) and resource, as a table keeps them. */
    private static List<AttemptLimiter.Count> latest(List<AttemptLimiter.Count> kept) {
        java.util.Map<Object, AttemptLimiter.Count> last = new java.util.LinkedHashMap<>();
        kept.forEach(count -> last.put(List.of(count.peer(), count.resource()), count));
        return last.values().stream().filter(count -> count.failures() > 0).toList();
    }
}
