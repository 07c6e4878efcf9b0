package org.peerdesk.core;

import java.time.Duration;
import java.time.Instant;

/**
 * How long ago something happened, or how soon it will, short enough for a table's column: {@code just now},
 * {@code 52 min ago}, {@code 3 h ago}, {@code 2 days ago}; {@code in 5 min}, {@code in 2 h}. Hours and days are
 * the nearest whole ones: a run due in 4 h 50 min is "in 5 h", not "in 4 h".
 */
public final class Elapsed {

    private Elapsed() {
    }

    public static String since(Instant when, Instant now) {
        Duration since = Duration.between(when, now);
        return since.toMinutes() < 1 ? "just now" : span(since) + " ago";
    }

    /** How soon {@code when} comes; {@code now} once it is less than a minute away or past. */
    public static String until(Instant when, Instant now) {
        Duration until = Duration.between(now, when);
        return until.toMinutes() < 1 ? "now" : "in " + span(until);
    }

    /** How long a thing still takes, as a transfer's time left is said: {@code 40 s}, {@code 11 min 40 s}, {@code 2 h 5 min}. */
    public static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 60 ? seconds + " s" : seconds < 3600 ? seconds / 60 + " min " + seconds % 60 + " s"
                : seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    private static String span(Duration span) {
        if (span.toHours() < 1) {
            return span.toMinutes() + " min";
        }
        long hours = nearest(span, Duration.ofHours(1));
        if (hours < 24) {
            return hours + " h";
        }
        return Counts.of(nearest(span, Duration.ofDays(1)), "day");
    }

    private static long nearest(Duration span, Duration unit) {
        return span.plus(unit.dividedBy(2)).dividedBy(unit);
    }
}
