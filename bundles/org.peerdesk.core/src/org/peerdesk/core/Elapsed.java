package org.peerdesk.core;

import java.time.Duration;
import java.time.Instant;

/**
 * How long ago something happened, or how soon it will, short enough for a table's column: {@code just now},
 * {@code 52 min ago}, {@code 3 h ago}, {@code 2 days ago}; {@code in 5 min}, {@code in 2 h}.
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

    private static String span(Duration span) {
        if (span.toHours() < 1) {
            return span.toMinutes() + " min";
        }
        if (span.toDays() < 1) {
            return span.toHours() + " h";
        }
        return Counts.of(span.toDays(), "day");
    }
}
