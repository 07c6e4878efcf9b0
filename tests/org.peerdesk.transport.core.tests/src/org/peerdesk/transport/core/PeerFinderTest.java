package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;
import org.peerdesk.testing.PipeStream;
import org.peerdesk.testing.SettableClock;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;

/**
 * Ana's node looking for Ben, whom it no longer reaches where it knew him, through the office node it does
 * reach: who is asked, when, and what is dialed. The office answers from what it knows, over an in-memory stream.
 */
class PeerFinderTest {

    private static final Instant MONDAY = Instant.parse("2026-11-30T09:00:00Z");
    private static final PeerId OFFICE = peer("office");
    private static final PeerId BEN = peer("ben");
    private static final PeerId CAI = peer("cai");
    private static final PeerAddress OFFICE_AT = new PeerAddress("198.51.100.1", 22070);
    private static final PeerAddress BEN_BEFORE = new PeerAddress("192.168.1.20", 22070);
    private static final PeerAddress BEN_NOW = new PeerAddress("203.0.113.7", 22070);

    private final SettableClock clock = new SettableClock(MONDAY.plus(Duration.ofDays(1)));
    private final FakeTransport transport = new FakeTransport();
    private final Map<PeerId, KnownPeer> anaKnows = new ConcurrentHashMap<>();
    private final Map<PeerId, KnownPeer> officeKnows = new ConcurrentHashMap<>();
    private final PeerFinder finder = new PeerFinder(transport, new ReadOnlyDirectory(anaKnows), clock);

    PeerFinderTest() {
        know(anaKnows, OFFICE, OFFICE_AT, MONDAY);
        know(anaKnows, BEN, BEN_BEFORE, MONDAY);
        know(officeKnows, BEN, BEN_NOW, MONDAY.plus(Duration.ofHours(20)));
    }

    private static PeerId peer(String name) {
        return PeerId.ofPublicKey(name.getBytes(StandardCharsets.UTF_8));
    }

    private static void know(Map<PeerId, KnownPeer> known, PeerId peer, PeerAddress address, Instant seen) {
        known.put(peer, new KnownPeer(peer, peer.shortForm(), Optional.of(address), MONDAY.minus(Duration.ofDays(30)), Optional.of(seen), List.of()));
    }

    @Test
    void aKnownPeerThatConnectsIsAskedAboutThoseAwayAndANewerSightingIsDialed() throws Exception {
        know(anaKnows, CAI, new PeerAddress("192.168.1.30", 22070), MONDAY);
        know(officeKnows, CAI, new PeerAddress("192.168.1.99", 22070), MONDAY.minus(Duration.ofDays(2)));

        finder.connected(transport.connectTo(OFFICE, OFFICE_AT));

        assertEquals(1, transport.questions.size());
        assertEquals(Set.of(BEN, CAI), Set.copyOf(transport.questions.get(0)), "asked about everyone away but the office itself");
        assertEquals(List.of(Map.entry(BEN, BEN_NOW)), transport.dials, "cai was seen there before ana last reached him: not dialed");
    }

    @Test
    void aStrangerThatConnectsIsNotAsked() throws Exception {
        anaKnows.remove(OFFICE);
        finder.connected(transport.connectTo(OFFICE, OFFICE_AT));
        assertEquals(List.of(), transport.questions);
    }

    @Test
    void aPeerNotReachedIsAskedAboutAtMostOnceAMinuteAndTheSameSightingIsDialedOnce() throws Exception {
        transport.connectTo(OFFICE, OFFICE_AT);

        finder.unreachable(BEN);
        finder.unreachable(BEN);
        assertEquals(1, transport.questions.size(), "once a minute");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        finder.unreachable(BEN);
        assertEquals(2, transport.questions.size());
        assertEquals(List.of(Map.entry(BEN, BEN_NOW)), transport.dials, "the same sighting, dialed once");

        PeerAddress benLater = new PeerAddress("203.0.113.8", 22070);
        know(officeKnows, BEN, benLater, MONDAY.plus(Duration.ofHours(22)));
        clock.advance(Duration.ofMinutes(2));
        finder.unreachable(BEN);
        assertEquals(List.of(Map.entry(BEN, BEN_NOW), Map.entry(BEN, benLater)), transport.dials, "a later sighting is dialed");
    }

    @Test
    void aPeerAlreadyConnectedIsNeitherAskedAboutNorDialed() throws Exception {
        transport.connectTo(BEN, BEN_BEFORE);
        finder.connected(transport.connectTo(OFFICE, OFFICE_AT));
        assertEquals(List.of(), transport.questions, "nobody is away");
        finder.unreachable(BEN);
        assertEquals(List.of(), transport.dials);
    }

    @Test
    void aPeerReachedOnlyThroughARelayIsStillLookedForWhereItCanBeDialed() throws Exception {
        transport.connectTo(OFFICE, OFFICE_AT);
        transport.connections.put(BEN, new ConnectedPeer(BEN, "Ben", OFFICE_AT, false, clock.instant(), Optional.of(OFFICE)));
        finder.unreachable(BEN);
        assertEquals(List.of(Map.entry(BEN, BEN_NOW)), transport.dials);
    }

    /** Ana's connections; the office answers whereabouts questions from what it knows, and dials are recorded, never made. */
    private final class FakeTransport extends FakeConnections {

        final List<List<PeerId>> questions = new CopyOnWriteArrayList<>();
        final List<Map.Entry<PeerId, PeerAddress>> dials = new CopyOnWriteArrayList<>();

        ConnectedPeer connectTo(PeerId peer, PeerAddress address) {
            ConnectedPeer connection = new ConnectedPeer(peer, peer.shortForm(), address, false, clock.instant());
            connections.put(peer, connection);
            return connection;
        }

        @Override
        public CompletionStage<ConnectedPeer> connect(PeerId expected, List<PeerAddress> addresses) {
            addresses.forEach(address -> dials.add(Map.entry(expected, address)));
            return CompletableFuture.failedFuture(new TransportException("not reachable in this test"));
        }

        @Override
        public CompletionStage<Stream> openStream(PeerId peer, ProtocolId protocol) {
            if (!peer.equals(OFFICE)) {
                return CompletableFuture.failedFuture(new TransportException("only the office answers here"));
            }
            try {
                PipeStream[] ends = PipeStream.pair(peer("ana"), OFFICE, protocol);
                Thread.ofVirtual().start(() -> answer(ends[1]));
                return CompletableFuture.completedFuture(ends[0]);
            } catch (java.io.IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        private void answer(Stream stream) {
            try (stream) {
                List<PeerId> asked = Whereabouts.readQuestion(new DataInputStream(stream.input()));
                questions.add(asked);
                Whereabouts.writeAnswer(new DataOutputStream(stream.output()),
                        Whereabouts.answer(stream.peer(), asked, List.copyOf(officeKnows.values())));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
