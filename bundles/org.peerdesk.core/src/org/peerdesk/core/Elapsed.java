package org.peerdesk.core;

import java.time.Duration;
import java.time.Instant;

/** How long ago something happened, short enough for a table's column: {@code just now}, {@code 52 min ago}, {@code 3 h ago}, {@code 2 days ago}. */
public final class Elapsed {

    private Elapsed() {
    }

    public static String since(Instant when, Instant now) {
        Duration since = Duration.between(when, now);
        if (since.toMinutes() < 1) {
            return "just now";
        }
        if (since.toHours() < 1) {
            return since.toMinutes() + " min ago";
        }
        if (since.toDays() < 1) {
            return since.toHours() + " h ago";
        }
        return Counts.of(since.toDays(), "day") + " ago";
    }
}
