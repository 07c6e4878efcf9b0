package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.files.SyncPair;

/** Whether a pair's peer takes in this node's changes, as its reads of them tell. */
class SyncPairTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private static SyncPair pair(SyncPair.State state, Optional<Instant> peerLastRead) {
        return new SyncPair("team", FilesFixture.peer(2), List.of(), state, Optional.empty(), Optional.empty(), 0, 0, Optional.empty(),
                peerLastRead);
    }

    @Test
    void aPeerThatNeverReadTakesNothing() {
        assertFalse(pair(SyncPair.State.IDLE, Optional.empty()).peerTakesChanges(NOW));
        assertFalse(pair(SyncPair.State.WAITING, Optional.empty()).peerTakesChanges(NOW));
    }

    @Test
    void aConnectedPeerTakesThemWhileItReadsAtItsRounds() {
        assertTrue(pair(SyncPair.State.IDLE, Optional.of(NOW.minus(Duration.ofMinutes(1)))).peerTakesChanges(NOW));
        assertFalse(pair(SyncPair.State.IDLE, Optional.of(NOW.minus(SyncPair.PEER_READS_WITHIN).minusSeconds(1))).peerTakesChanges(NOW),
                "connected and no longer reading, it stopped or paused its own pair");
    }

    @Test
    void anAwayPeerThatReadBeforeTakesThemOnceBack() {
        assertTrue(pair(SyncPair.State.WAITING, Optional.of(NOW.minus(Duration.ofDays(3)))).peerTakesChanges(NOW));
    }
}
