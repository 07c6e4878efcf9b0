package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;
import org.peerdesk.testing.SettableClock;
import org.peerdesk.transport.NearbyPeers.Nearby;
import org.peerdesk.transport.PeerAddress;

class NearbyListTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final NearbyList list = new NearbyList(clock);

    @Test
    void theMostRecentlyHeardComeFirstWithWhatTheyLastSaid() {
        list.heard(announcement(1, "Ana"), addresses(22070));
        clock.advance(Duration.ofSeconds(5));
        list.heard(announcement(2, "Ben"), addresses(22071));
        clock.advance(Duration.ofSeconds(5));
        list.heard(announcement(1, "Ana's laptop"), addresses(22072));

        List<Nearby> recent = list.recent();
        assertEquals(List.of(peer(1), peer(2)), recent.stream().map(Nearby::id).toList());
        assertEquals(new Nearby(peer(1), "Ana's laptop", addresses(22072), clock.instant()), recent.get(0));
    }

    @Test
    void aStrangerCountsAsNewWhenFirstHeardAndAgainOnlyAfterItWasForgotten() {
        assertTrue(list.heard(announcement(1, "Ana"), addresses(22070)), "first heard");
        clock.advance(LanDiscovery.INTERVAL);
        assertFalse(list.heard(announcement(1, "Ana"), addresses(22070)), "heard at its next round");
        clock.advance(NearbyList.FORGET_AFTER.plusSeconds(1));
        assertTrue(list.heard(announcement(1, "Ana"), addresses(22070)), "back after three rounds missed");
    }

    @Test
    void aPeerNotHeardForThreeAnnouncementsIsForgotten() {
        list.heard(announcement(1, "Ana"), addresses(22070));
        clock.advance(NearbyList.FORGET_AFTER);
        list.heard(announcement(2, "Ben"), addresses(22071));
        assertEquals(2, list.recent().size(), "just within the time");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(peer(2)), list.recent().stream().map(Nearby::id).toList());
    }

    @Test
    void aFloodOfMadeUpPeersCrowdsOutOnlyTheLeastRecentlyHeard() {
        IntStream.rangeClosed(1, NearbyList.MOST + 10).forEach(i -> {
            list.heard(announcement(i, "peer " + i), addresses(22070));
            clock.advance(Duration.ofMillis(10));
        });
        List<Nearby> recent = list.recent();
        assertEquals(NearbyList.MOST, recent.size());
        assertEquals(peer(NearbyList.MOST + 10), recent.get(0).id());
        assertEquals(peer(11), recent.get(recent.size() - 1).id());
    }

    private Announcement announcement(int peer, String name) {
        return new Announcement(peer(peer), name, addresses(22070), clock.instant(), peer);
    }

    private static List<PeerAddress> addresses(int port) {
        return List.of(new PeerAddress("127.0.0.2", port));
    }

    private static PeerId peer(int first) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) first;
        bytes[1] = (byte) (first >> 8);
        return new PeerId(bytes);
    }
}
