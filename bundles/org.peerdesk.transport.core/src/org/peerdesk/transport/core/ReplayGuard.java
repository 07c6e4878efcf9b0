package org.peerdesk.transport.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.peerdesk.core.PeerId;

/**
 * Accepts each peer's announcements only while fresh (sent within {@link #TOLERANCE} of this
 * node's clock) and only in order (each newer than the last accepted), so a recorded announcement
 * played back later, or twice, is ignored.
 */
final class ReplayGuard {

    static final Duration TOLERANCE = Duration.ofMinutes(2);

    private final Clock clock;
    private final Map<PeerId, Instant> latest = new HashMap<>();

    ReplayGuard(Clock clock) {
        this.clock = clock;
    }

    synchronized boolean accept(Announcement announcement) {
        Instant now = clock.instant();
        if (announcement.sent().isBefore(now.minus(TOLERANCE)) || announcement.sent().isAfter(now.plus(TOLERANCE))) {
            return false;
        }
        Instant previous = latest.get(announcement.peer());
        if (previous != null && !announcement.sent().isAfter(previous)) {
            return false;
        }
        latest.put(announcement.peer(), announcement.sent());
        latest.values().removeIf(seen -> seen.isBefore(now.minus(TOLERANCE)));
        return true;
    }
}
