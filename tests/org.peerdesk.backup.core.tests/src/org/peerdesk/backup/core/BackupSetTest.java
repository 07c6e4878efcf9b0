package org.peerdesk.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aScheduledRunThatFailedIsTriedAgainWithinTheHour() {
        assertEquals(Optional.of(LAST.plus(BackupSet.RUN_AGAIN)), failed(Optional.of(Duration.ofHours(6))).nextRun());
        assertEquals(Optional.of(LAST.plus(Duration.ofMinutes(30))), failed(Optional.of(Duration.ofMinutes(30))).nextRun(),
                "never later than its own interval");
        assertEquals(Optional.empty(), failed(Optional.empty()).nextRun(), "a set run by hand is run by hand");
    }

    @Test
    void aScheduledSetIsBehindOnceItMissedAWholeRunNeverBeforeItRanOnceAndNeverUnscheduled() {
        BackupSet daily = set(Optional.of(Duration.ofDays(1)), Optional.of(LAST));
        assertFalse(daily.behindSchedule(LAST.plus(Duration.ofHours(30))), "due again, not yet a run missed");
        assertFalse(daily.behindSchedule(LAST.plus(Duration.ofDays(2))));
        assertTrue(daily.behindSchedule(LAST.plus(Duration.ofDays(2)).plusSeconds(1)));
        assertFalse(set(Optional.of(Duration.ofDays(1)), Optional.empty()).behindSchedule(LAST), "it runs once a holder is online");
        assertFalse(set(Optional.empty(), Optional.of(LAST)).behindSchedule(LAST.plus(Duration.ofDays(400))), "it runs when asked");
    }

    @Test
    void aSetIsDueForACheckOnceBackedUpThenAWeekAfterEachCheck() {
        assertFalse(set(Optional.empty(), Optional.empty()).checkDue(LAST), "nothing to check before its first run");
        assertTrue(set(Optional.empty(), Optional.of(LAST)).checkDue(LAST), "never checked");
        BackupSet checked = new BackupSet("photos", List.of(), List.of(), List.of(), 2, Optional.empty(), Optional.of(LAST), Optional.empty(),
                Optional.of(LAST), Optional.empty());
        assertFalse(checked.checkDue(LAST.plus(BackupSet.CHECK_EVERY).minusSeconds(1)));
        assertTrue(checked.checkDue(LAST.plus(BackupSet.CHECK_EVERY)));
        BackupSet troubled = new BackupSet("photos", List.of(), List.of(), List.of(), 2, Optional.empty(), Optional.of(LAST), Optional.empty(),
                Optional.of(LAST), Optional.of("bea is offline"));
        assertFalse(troubled.checkDue(LAST.plus(BackupSet.CHECK_AGAIN).minusSeconds(1)));
        assertTrue(troubled.checkDue(LAST.plus(BackupSet.CHECK_AGAIN)), "a check that left a problem comes again sooner");
    }

    private static BackupSet failed(Optional<Duration> every) {
        return new BackupSet("photos", List.of(), List.of(), List.of(), 2, every, Optional.of(LAST), Optional.of("bea refuses"), Optional.empty(),
                Optional.empty());
    }

    private static BackupSet set(Optional<Duration> every, Optional<Instant> lastRun) {
        return new BackupSet("photos", List.of(), List.of(), List.of(), 2, every, lastRun, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
