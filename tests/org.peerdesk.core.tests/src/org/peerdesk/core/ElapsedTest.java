package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ElapsedTest {

    @Test
    void howLongAgoIsSaidInTheLargestWholeUnitAndShort() {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        assertEquals("just now", Elapsed.since(now.minusSeconds(59), now));
        assertEquals("1 min ago", Elapsed.since(now.minusSeconds(61), now));
        assertEquals("52 min ago", Elapsed.since(now.minusSeconds(52 * 60 + 5), now));
        assertEquals("3 h ago", Elapsed.since(now.minusSeconds(3 * 3600 + 5), now));
        assertEquals("1 day ago", Elapsed.since(now.minusSeconds(86400), now));
        assertEquals("3 days ago", Elapsed.since(now.minusSeconds(3 * 86400 + 5), now));
    }

    @Test
    void hoursAndDaysAreTheNearestWholeOnes() {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        assertEquals("in 5 h", Elapsed.until(now.plusSeconds(4 * 3600 + 50 * 60), now), "not 'in 4 h' for nearly five");
        assertEquals("4 h ago", Elapsed.since(now.minusSeconds(4 * 3600 + 29 * 60), now));
        assertEquals("1 h ago", Elapsed.since(now.minusSeconds(60 * 60), now));
        assertEquals("59 min ago", Elapsed.since(now.minusSeconds(59 * 60 + 50), now), "minutes are whole ones gone by");
        assertEquals("23 h ago", Elapsed.since(now.minusSeconds(23 * 3600 + 29 * 60), now));
        assertEquals("1 day ago", Elapsed.since(now.minusSeconds(23 * 3600 + 31 * 60), now));
        assertEquals("in 2 days", Elapsed.until(now.plusSeconds(36 * 3600), now));
        assertEquals("in 1 day", Elapsed.until(now.plusSeconds(35 * 3600), now));
    }

    @Test
    void howLongAThingStillTakesIsSaidToTheSecondWithinTheHour() {
        assertEquals("40 s", Elapsed.duration(java.time.Duration.ofSeconds(40)));
        assertEquals("11 min 40 s", Elapsed.duration(java.time.Duration.ofSeconds(700)));
        assertEquals("2 h 5 min", Elapsed.duration(java.time.Duration.ofSeconds(2 * 3600 + 5 * 60 + 59)));
    }

    @Test
    void howSoonIsSaidAlike() {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        assertEquals("now", Elapsed.until(now.minusSeconds(3600), now), "past is due");
        assertEquals("now", Elapsed.until(now.plusSeconds(59), now));
        assertEquals("in 5 min", Elapsed.until(now.plusSeconds(5 * 60 + 5), now));
        assertEquals("in 2 h", Elapsed.until(now.plusSeconds(2 * 3600 + 5), now));
        assertEquals("in 1 day", Elapsed.until(now.plusSeconds(86400), now));
    }
}
