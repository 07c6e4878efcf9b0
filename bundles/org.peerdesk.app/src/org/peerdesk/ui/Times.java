package org.peerdesk.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times as the views' tables show them: near ones by the day's name, short enough for a column, and in full for a tooltip. */
public final class Times {

    private static final DateTimeFormatter DATE_AND_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());

    private Times() {
    }

    /** "today 13:45", "yesterday 23:10", "tomorrow 01:42", or the date as well. */
    public static String near(Instant at) {
        long days = ChronoUnit.DAYS.between(LocalDate.now(), LocalDate.ofInstant(at, ZoneId.systemDefault()));
        return days == 0 ? "today " + CLOCK.format(at) : days == -1 ? "yesterday " + CLOCK.format(at)
                : days == 1 ? "tomorrow " + CLOCK.format(at) : DATE_AND_CLOCK.format(at);
    }

    /**
     * As a list of conversations says when each last moved: "13:45" today, "yesterday", the day's name in the week
     * before, and the date before that.
     */
    public static String brief(Instant at) {
        long days = ChronoUnit.DAYS.between(LocalDate.ofInstant(at, ZoneId.systemDefault()), LocalDate.now());
        return days <= 0 ? CLOCK.format(at) : days == 1 ? "yesterday" : days < 7 ? WEEKDAY.format(at) : DATE.format(at);
    }

    /** The date and the time to the second. */
    public static String full(Instant at) {
        return FULL.format(at);
    }
}
