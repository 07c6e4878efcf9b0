package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;
import org.peerdesk.testing.SettableClock;

/** The hybrid clock never runs backwards and follows peers within reason; the pace makes a flood wait. */
class ClockAndPaceTest {

    @Test
    void readingsOnlyGrowAndPassWhatPeersSent() {
        SettableClock wall = new SettableClock(Instant.parse("2026-11-24T10:00:00Z"));
        HybridClock clock = new HybridClock(wall, 0);
        long first = clock.tick();
        wall.set(Instant.parse("2026-11-24T09:00:00Z"));
        long afterWallWentBack = clock.tick();
        assertTrue(afterWallWentBack > first, "a wall clock set back does not reorder");

        long peerAhead = (wall.millis() + 30_000) << HybridClock.COUNTER_BITS;
        clock.witness(peerAhead);
        assertTrue(clock.tick() > peerAhead, "a reply sorts after what it answers");

        long broken = (wall.millis() + Duration.ofDays(365).toMillis()) << HybridClock.COUNTER_BITS;
        clock.witness(broken);
        assertTrue(clock.tick() < broken, "a peer's clock a year ahead is not followed");
    }

    @Test
    void aPeerOverItsRateWaitsAndOthersDoNot() throws Exception {
        Pace pace = new Pace(1000, 100);
        PeerId flooder = PeerId.ofPublicKey(new byte[] {1});
        PeerId other = PeerId.ofPublicKey(new byte[] {2});
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            pace.take(flooder, 100);
        }
        long flooderMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(flooderMillis >= 450, "600 envelopes at 1000/s after a burst of 100 take at least half a second: " + flooderMillis);
        long before = System.nanoTime();
        pace.take(other, 100);
        assertEquals(0, (System.nanoTime() - before) / 100_000_000, "another peer's burst does not wait");
    }
}
