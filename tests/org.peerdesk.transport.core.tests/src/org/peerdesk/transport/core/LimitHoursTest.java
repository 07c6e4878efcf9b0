package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.transport.LimitHours;
import org.peerdesk.transport.RateLimits;

/** The hours in which rate limits hold: within a day or past midnight, as people write them. */
class LimitHoursTest {

    @Test
    void workingHoursIncludeTheirStartAndNotTheirEnd() throws Exception {
        LimitHours day = LimitHours.parse("08:00-18:00");
        assertTrue(day.include(LocalTime.of(8, 0)));
        assertTrue(day.include(LocalTime.of(12, 30)));
        assertFalse(day.include(LocalTime.of(18, 0)));
        assertFalse(day.include(LocalTime.of(7, 59)));
        assertFalse(day.include(LocalTime.of(23, 0)));
        assertEquals("08:00-18:00", day.toString());
    }

    @Test
    void hoursMayRunPastMidnight() throws Exception {
        LimitHours night = LimitHours.parse(" 22:30 - 06:00 ");
        assertTrue(night.include(LocalTime.of(23, 0)));
        assertTrue(night.include(LocalTime.of(2, 0)));
        assertTrue(night.include(LocalTime.of(22, 30)));
        assertFalse(night.include(LocalTime.of(6, 0)));
        assertFalse(night.include(LocalTime.of(12, 0)));
    }

    @Test
    void limitsHoldInTheirHoursAndNoneOutside() throws Exception {
        RateLimits daytime = new RateLimits(1 << 20, 0, Optional.of(LimitHours.parse("08:00-18:00")));
        assertEquals(daytime, daytime.inForceAt(LocalTime.of(9, 0)));
        assertEquals(RateLimits.NONE, daytime.inForceAt(LocalTime.of(20, 0)));
        RateLimits always = new RateLimits(1 << 20, 0);
        assertEquals(always, always.inForceAt(LocalTime.of(20, 0)));
    }

    @Test
    void anythingElseIsRefusedSayingWhatHoursLookLike() {
        for (String text : new String[] {"8-18", "08:00", "25:00-18:00", "08:00-18:61", "morning"}) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> LimitHours.parse(text), text);
            assertEquals("'" + text + "' are not hours like 08:00-18:00", refused.getMessage());
        }
        InvalidInputException empty = assertThrows(InvalidInputException.class, () -> LimitHours.parse("08:00-08:00"));
        assertEquals("The limit hours start and end at the same time, 08:00", empty.getMessage());
    }
}
