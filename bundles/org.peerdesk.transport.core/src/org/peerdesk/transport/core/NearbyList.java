package org.peerdesk.transport.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.NearbyPeers.Nearby;
import org.peerdesk.transport.PeerAddress;

/**
 * The strangers heard announcing themselves lately: each until {@link #FORGET_AFTER} after it was last heard
 * (three announcements missed), and at most {@link #MOST} of them, so that a flood of announcements from keys
 * made up for it crowds out only the oldest.
 */
final class NearbyList {

    static final int MOST = 64;
    static final Duration FORGET_AFTER = LanDiscovery.INTERVAL.multipliedBy(3);

    private final Clock clock;
    /** In the order last heard, the least recent first. */
    private final Map<PeerId, Nearby> heard = new LinkedHashMap<>();

    NearbyList(Clock clock) {
        this.clock = clock;
    }

    /** Notes what a stranger announced; true when it was not heard lately: one that just started, or came back. */
    synchronized boolean heard(Announcement announcement, List<PeerAddress> addresses) {
        Nearby before = heard.remove(announcement.peer());
        heard.put(announcement.peer(), new Nearby(announcement.peer(), announcement.name(), addresses, clock.instant()));
        while (heard.size() > MOST) {
            heard.remove(heard.keySet().iterator().next());
        }
        return before == null || before.lastHeard().isBefore(clock.instant().minus(FORGET_AFTER));
    }

    /** Those heard within {@link #FORGET_AFTER}, the most recently heard first. */
    synchronized List<Nearby> recent() {
        Instant since = clock.instant().minus(FORGET_AFTER);
        heard.values().removeIf(nearby -> nearby.lastHeard().isBefore(since));
        return heard.values().stream().sorted(Comparator.comparing(Nearby::lastHeard).reversed()).toList();
    }
}
