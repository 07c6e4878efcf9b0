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
    void howSoonIsSaidAlike() {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        assertEquals("now", Elapsed.until(now.minusSeconds(3600), now), "past is due");
        assertEquals("now", Elapsed.until(now.plusSeconds(59), now));
        assertEquals("in 5 min", Elapsed.until(now.plusSeconds(5 * 60 + 5), now));
        assertEquals("in 2 h", Elapsed.until(now.plusSeconds(2 * 3600 + 5), now));
        assertEquals("in 1 day", Elapsed.until(now.plusSeconds(86400), now));
    }
}
