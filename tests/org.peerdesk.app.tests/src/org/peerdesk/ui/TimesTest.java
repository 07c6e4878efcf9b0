package org.peerdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** Times in a table's column: near days by name, others with their date. */
class TimesTest {

    private static java.time.Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute, 42)).atZone(ZoneId.systemDefault()).toInstant();
    }

    @Test
    void nearDaysAreNamedAndOthersDated() {
        LocalDate today = LocalDate.now();
        assertEquals("today 13:45", Times.near(at(today, 13, 45)));
        assertEquals("yesterday 23:10", Times.near(at(today.minusDays(1), 23, 10)));
        assertEquals("tomorrow 01:42", Times.near(at(today.plusDays(1), 1, 42)));
        LocalDate earlier = today.minusDays(9);
        assertEquals(earlier + " 08:05", Times.near(at(earlier, 8, 5)));
    }

    @Test
    void brieflyTheClockTodayAndTheDayBefore() {
        LocalDate today = LocalDate.now();
        assertEquals("13:45", Times.brief(at(today, 13, 45)));
        assertEquals("yesterday", Times.brief(at(today.minusDays(1), 23, 10)));
        LocalDate inTheWeek = today.minusDays(6);
        assertEquals(inTheWeek.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.getDefault()),
                Times.brief(at(inTheWeek, 8, 5)));
        assertEquals(today.minusDays(7).toString(), Times.brief(at(today.minusDays(7), 8, 5)));
    }

    @Test
    void inFullTheSecondsToo() {
        String full = Times.full(at(LocalDate.of(2026, 3, 1), 8, 5));
        assertTrue(full.equals("2026-03-01 08:05:42"), full);
    }
}
