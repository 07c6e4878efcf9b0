package org.peerdesk.core;

import java.time.Duration;

/** How often something recurs, in the largest whole unit: {@code every 6 hours}, {@code every day}, {@code every 90 min}. */
public final class Intervals {

    private static final long MINUTES_A_DAY = 24 * 60;

    private Intervals() {
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
