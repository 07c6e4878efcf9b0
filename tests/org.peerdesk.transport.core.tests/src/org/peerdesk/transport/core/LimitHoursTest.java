package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.transport.LimitHours;
import org.peerdesk.transport.RateLimits;

/** The hours in which rate limits hold: within a day or past midnight, as people write them. */
class LimitHoursTest {

    @Test
    void workingHoursIncludeTheirStartAndNotTheirEnd() throws Exception {
        assertHold("08:00-18:00", List.of("08:00", "12:30"), List.of("18:00", "07:59", "23:00"));
        assertEquals("08:00-18:00", LimitHours.parse("08:00-18:00").toString());
    }

    @Test
    void hoursMayRunPastMidnight() throws Exception {
        assertHold(" 22:30 - 06:00 ", List.of("23:00", "02:00", "22:30"), List.of("06:00", "12:00"));
    }

    private static void assertHold(String written, List<String> inside, List<String> outside) throws InvalidInputException {
        LimitHours hours = LimitHours.parse(written);
        inside.forEach(time -> assertTrue(hours.include(LocalTime.parse(time)), written + " includes " + time));
        outside.forEach(time -> assertFalse(hours.include(LocalTime.parse(time)), written + " leaves out " + time));
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
