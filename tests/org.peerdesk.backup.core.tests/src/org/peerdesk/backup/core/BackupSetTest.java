package org.peerdesk.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.backup.BackupSet;

class BackupSetTest {

    private static final Instant LAST = Instant.parse("2026-12-03T13:45:00Z");

    @Test
    void aScheduledSetRunsNextItsIntervalAfterItsLastRunAtOnceIfItNeverRanAndNeverByItselfUnscheduled() {
        assertEquals(Optional.of(LAST.plus(Duration.ofHours(6))), set(Optional.of(Duration.ofHours(6)), Optional.of(LAST)).nextRun());
        assertEquals(Optional.of(Instant.EPOCH), set(Optional.of(Duration.ofHours(6)), Optional.empty()).nextRun(), "due since ever");
        assertEquals(Optional.empty(), set(Optional.empty(), Optional.of(LAST)).nextRun());
    }

    private static BackupSet set(Optional<Duration> every, Optional<Instant> lastRun) {
        return new BackupSet("photos", List.of(), List.of(), 2, every, lastRun, Optional.empty());
    }
}
