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

    @Test
    void aSpanIsSaidInItsLargestWholeUnit() {
        assertEquals("1 week", Intervals.span(Duration.ofDays(7)));
        assertEquals("4 weeks", Intervals.span(Duration.ofDays(28)));
        assertEquals("365 days", Intervals.span(Duration.ofDays(365)));
        assertEquals("36 hours", Intervals.span(Duration.ofHours(36)));
        assertEquals("1 minute", Intervals.span(Duration.ofMinutes(1)));
        assertEquals("90 minutes", Intervals.span(Duration.ofMinutes(90)));
        assertEquals("45 seconds", Intervals.span(Duration.ofSeconds(45)));
    }
}
