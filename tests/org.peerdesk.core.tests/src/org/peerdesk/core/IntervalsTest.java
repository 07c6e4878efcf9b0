package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class IntervalsTest {

    @Test
    void anIntervalIsSaidInItsLargestWholeUnit() {
        assertEquals("every 6 hours", Intervals.every(Duration.ofHours(6)));
        assertEquals("every hour", Intervals.every(Duration.ofHours(1)));
        assertEquals("every day", Intervals.every(Duration.ofDays(1)));
        assertEquals("every 7 days", Intervals.every(Duration.ofDays(7)));
        assertEquals("every 90 min", Intervals.every(Duration.ofMinutes(90)));
        assertEquals("every 36 hours", Intervals.every(Duration.ofHours(36)));
    }
}
