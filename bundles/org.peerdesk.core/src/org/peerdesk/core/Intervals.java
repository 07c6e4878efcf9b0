package org.peerdesk.core;

import java.time.Duration;
import java.util.List;

/**
 * How often something recurs, in the largest whole unit: {@code every 6 hours}, {@code every day}, {@code every 90 min}; and
 * how long something lasts, the same way.
 */
public final class Intervals {

    private static final long MINUTES_A_DAY = 24 * 60;
    /** The units a span is said in, the largest first. */
    private static final List<Unit> UNITS = List.of(new Unit(7 * 24 * 3600, "week"), new Unit(24 * 3600, "day"), new Unit(3600, "hour"),
            new Unit(60, "minute"));

    private record Unit(long seconds, String name) {
    }

    private Intervals() {
    }

    /** A span in its largest whole unit: {@code 1 week}, {@code 3 days}, {@code 8 hours}, {@code 30 minutes}, {@code 45 seconds}. */
    public static String span(Duration span) {
        long seconds = span.toSeconds();
        for (Unit unit : UNITS) {
            if (seconds >= unit.seconds() && seconds % unit.seconds() == 0) {
                return Counts.of(seconds / unit.seconds(), unit.name());
            }
        }
        return Counts.of(seconds, "second");
    }

    public static String every(Duration interval) {
        long minutes = interval.toMinutes();
        if (minutes % MINUTES_A_DAY == 0) {
            return minutes == MINUTES_A_DAY ? "every day" : "every " + Counts.of(minutes / MINUTES_A_DAY, "day");
        }
        if (minutes % 60 == 0) {
            return minutes == 60 ? "every hour" : "every " + Counts.of(minutes / 60, "hour");
        }
        return "every " + minutes + " min";
    }
}
