package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;

/**
 * Ana reaches Ben only through the office, which relays: her node keeps dialing Ben where she last reached him,
 * a minute later, then two, four and so on up to half an hour, until a dial gets through and the direct connection
 * takes the relayed one's place. Time is the test's: each scheduled dial runs when the test says.
 */
class DirectRetriesTest {

    private static final Instant MONDAY = Instant.parse("2026-11-30T09:00:00Z");
    private static final PeerId OFFICE = peer("office");
    private static final PeerId BEN = peer("ben");
    private static final PeerAddress OFFICE_AT = new PeerAddress("198.51.100.1", 22070);
    private static final PeerAddress BEN_AT = new PeerAddress("192.168.1.20", 22070);
    private static final PeerAddress BEN_FORWARDED = new PeerAddress("203.0.113.9", 22071);
    /** Always the middle of the jitter, so each wait is exactly what the backoff says. */
    private static final RandomGenerator NO_JITTER = () -> Long.MIN_VALUE;

    private final List<Map.Entry<Runnable, Duration>> scheduled = new ArrayList<>();
    private final List<PeerId> askedAbout = new ArrayList<>();
    private final Map<PeerId, KnownPeer> known = new ConcurrentHashMap<>();
    private final AnasConnections transport = new AnasConnections();
    private final DirectRetries retries = new DirectRetries(transport, new ReadOnlyDirectory(known),
            (task, delay) -> scheduled.add(Map.entry(task, delay)), NO_JITTER, askedAbout::add);

    DirectRetriesTest() {
        known.put(BEN, new KnownPeer(BEN, "Ben", Optional.of(BEN_AT), MONDAY, Optional.of(MONDAY), List.of()));
        transport.relayed(BEN);
    }

    private static PeerId peer(String name) {
        return PeerId.ofPublicKey(name.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRelayedPeerIsDialedDirectlyLessAndLessOftenUntilADialGetsThrough() {
        retries.relayed(BEN);
        retries.relayed(BEN);
        assertEquals(List.of(Duration.ofMinutes(1)), delays(), "one dial scheduled, however often the relayed peer is announced");

        for (int failed = 0; failed < 7; failed++) {
            runNext();
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), delays().stream().map(Duration::toMinutes).toList());
        assertEquals(7, transport.dials.size());
        assertTrue(transport.dials.stream().allMatch(List.of(BEN_AT)::equals), "where ana last reached ben directly");
        assertEquals(7, askedAbout.size(), "after each failed dial the peers connected are asked where ben is now");

        transport.reachable = true;
        runNext();
        assertEquals(false, transport.connection(BEN).orElseThrow().relayed(), "the direct connection took over");
        assertEquals(8, scheduled.size(), "and nothing more is scheduled");

        transport.relayed(BEN);
        retries.relayed(BEN);
        assertEquals(9, scheduled.size(), "relayed again later: dialed again, starting over");
        assertEquals(Duration.ofMinutes(1), delays().get(8));
    }

    @Test
    void aRelayedPeerIsDialedWhereItSaidItCanBeReachedAsWell() {
        known.put(BEN, new KnownPeer(BEN, "Ben", Optional.of(BEN_AT), MONDAY, Optional.of(MONDAY), List.of(BEN_FORWARDED)));
        retries.relayed(BEN);
        transport.reachable = true;
        runNext();
        assertEquals(List.of(List.of(BEN_AT, BEN_FORWARDED)), transport.dials, "where he was last reached, then where his router forwards");
        assertEquals(false, transport.connection(BEN).orElseThrow().relayed());
    }

    @Test
    void aPeerGoneOrReachedOtherwiseOrWithoutAnAddressIsNotDialed() {
        retries.relayed(BEN);
        transport.connections.remove(BEN);
        runNext();
        assertEquals(List.of(), transport.dials, "ben went away: his redial is the peer watcher's");

        transport.relayed(BEN);
        retries.relayed(BEN);
        transport.connections.put(BEN, new ConnectedPeer(BEN, "Ben", BEN_AT, true, MONDAY));
        runNext();
        assertEquals(List.of(), transport.dials, "ben dialed ana himself");

        retries.relayed(BEN);
        transport.relayed(BEN);
        known.put(BEN, new KnownPeer(BEN, "Ben", Optional.empty(), MONDAY, Optional.empty(), List.of()));
        runNext();
        assertEquals(List.of(), transport.dials, "nowhere to dial");
        assertEquals(List.of(), askedAbout);
    }

    private List<Duration> delays() {
        return scheduled.stream().map(Map.Entry::getValue).toList();
    }

    private void runNext() {
        scheduled.get(scheduled.size() - 1).getKey().run();
    }

    /** Ana's connections: dials fail until {@code reachable}, then connect at once, directly. */
    private static final class AnasConnections extends FakeConnections {

        final List<List<PeerAddress>> dials = new ArrayList<>();
        boolean reachable;

        void relayed(PeerId peer) {
            connections.put(peer, new ConnectedPeer(peer, "Ben", OFFICE_AT, false, MONDAY, Optional.of(OFFICE)));
        }

        @Override
        public CompletionStage<ConnectedPeer> connect(PeerId expected, List<PeerAddress> addresses) {
            dials.add(addresses);
            if (!reachable) {
                return CompletableFuture.failedFuture(new TransportException("Connection refused"));
            }
            ConnectedPeer direct = new ConnectedPeer(expected, "Ben", addresses.get(0), false, MONDAY);
            connections.put(expected, direct);
            return CompletableFuture.completedFuture(direct);
        }

        @Override
        public CompletionStage<Stream> openStream(PeerId peer, ProtocolId protocol) {
            return CompletableFuture.failedFuture(new TransportException("no streams in this test"));
        }
    }
}
