package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.service.event.Event;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Topics;
import org.peerdesk.testing.PipeStream;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.PublicAddresses;
import org.peerdesk.transport.SeenAddresses;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.event.PeerConnected;
import org.peerdesk.transport.event.TransportTopics;

/**
 * Two nodes relayed through a third agreeing over an in-memory stream to dial each other at once: who leads, what each
 * dials, and what they refuse. The dials themselves are the Netty transport's (NettyTransportTest, and the system test
 * through two routers).
 */
@Timeout(60)
class HolePunchingTest {

    private static final PeerId RELAY = PeerId.ofPublicKey("relay".getBytes(StandardCharsets.UTF_8));
    private static final PeerAddress LOW_SEEN = new PeerAddress("198.51.100.7", 22070);
    private static final PeerAddress LOW_FORWARDED = new PeerAddress("198.51.100.7", 40000);
    private static final PeerAddress HIGH_SEEN = new PeerAddress("203.0.113.9", 22071);
    private static final PeerAddress LOW_LISTENS = new PeerAddress("192.168.1.20", 22070);

    private final Node low;
    private final Node high;

    HolePunchingTest() {
        PeerId one = PeerId.ofPublicKey("one".getBytes(StandardCharsets.UTF_8));
        PeerId two = PeerId.ofPublicKey("two".getBytes(StandardCharsets.UTF_8));
        boolean oneIsLower = one.compareTo(two) < 0;
        low = new Node(oneIsLower ? one : two, List.of(LOW_SEEN), List.of(LOW_FORWARDED),
                List.of(LOW_LISTENS, new PeerAddress("127.0.0.1", 22070)));
        high = new Node(oneIsLower ? two : one, List.of(HIGH_SEEN), List.of(), List.of());
        low.other = high;
        high.other = low;
        low.connections.put(high.id, high.relayedAt());
        high.connections.put(low.id, low.relayedAt());
    }

    @AfterEach
    void stop() {
        low.punching.stop();
        high.punching.stop();
    }

    @Test
    void thePeerWithTheLowerIdLeadsAndBothDialWhereTheOtherIsSeen() throws Exception {
        high.punching.handleEvent(connected(low));
        low.punching.handleEvent(connected(high));
        low.punching.handleEvent(connected(high)); // announced twice: one punch
        waitUntil(() -> high.punches.size() == 1 && low.punches.size() == 1);
        assertEquals(List.of(new Punch(high.id, List.of(HIGH_SEEN), true)), low.punches, "the lower ID dials as the connection's dialer");
        assertEquals(List.of(new Punch(low.id, List.of(LOW_SEEN, LOW_FORWARDED, LOW_LISTENS), false)), high.punches,
                "where peers see the leader, its public addresses, then where it listens but on loopback");
        assertEquals(1, low.streamsOpened.get());
        assertEquals(0, high.streamsOpened.get(), "the higher ID waits to be asked");
        assertEquals(false, low.connection(high.id).orElseThrow().relayed());
    }

    @Test
    void aNodeThatNoPeerHasSeenHasNothingToOfferAndAsksNothing() {
        Node unseen = new Node(low.id, List.of(), List.of(), List.of(LOW_LISTENS)); // where it listens is no way through a router
        unseen.other = high;
        unseen.connections.put(high.id, high.relayedAt());
        TransportException failure = assertThrows(TransportException.class, () -> unseen.punching.punch(high.id));
        assertTrue(failure.getMessage().contains("no peer has said where it reaches this node"), failure.getMessage());
        assertEquals(0, unseen.streamsOpened.get());
        unseen.punching.stop();
    }

    @Test
    void aFollowerDialsNothingUntilTheLeaderSaysNowAndRefusesAnythingElse() throws Exception {
        PipeStream[] ends = PipeStream.pair(low.id, high.id, HolePunchWire.ID);
        AtomicReference<Exception> refused = new AtomicReference<>();
        Thread follower = Thread.ofVirtual().start(() -> {
            try (Stream theirs = ends[1]) {
                high.punching.handle(theirs);
            } catch (Exception e) {
                refused.set(e);
            }
        });
        DataOutputStream out = new DataOutputStream(ends[0].output());
        HolePunchWire.writeAddresses(out, List.of(LOW_SEEN));
        assertEquals(List.of(HIGH_SEEN), HolePunchWire.readAddresses(new DataInputStream(ends[0].input())));
        out.writeByte(7);
        out.flush();
        follower.join();
        assertTrue(refused.get() instanceof InvalidInputException, String.valueOf(refused.get()));
        assertEquals(List.of(), high.punches, "no dial on a signal that is not 'now'");
    }

    private static Event connected(Node peer) {
        return new Event(TransportTopics.PEER_CONNECTED, Map.of(Topics.DATA, new PeerConnected(peer.relayedAt())));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 20 s");
            Thread.sleep(10);
        }
    }

    /** A dial from the listening port that a node's transport was asked for. */
    record Punch(PeerId peer, List<PeerAddress> addresses, boolean leads) {
    }

    /** A node whose streams reach the other node's hole punching, and whose punches succeed and are recorded. */
    private static final class Node extends FakeConnections {

        final PeerId id;
        final HolePunching punching;
        final List<Punch> punches = new CopyOnWriteArrayList<>();
        final AtomicInteger streamsOpened = new AtomicInteger();
        private final List<PeerAddress> listening;
        Node other;

        Node(PeerId id, List<PeerAddress> seenAt, List<PeerAddress> publicAddresses, List<PeerAddress> listening) {
            this.id = id;
            this.listening = listening;
            SeenAddresses seen = () -> seenAt.stream().map(at -> new SeenAddresses.Seen(RELAY, "Relay", at, SeenAddresses.Check.NO_ANSWER)).toList();
            PublicAddresses given = new PublicAddresses() {
                @Override
                public List<PeerAddress> addresses() {
                    return publicAddresses;
                }

                @Override
                public void setAddresses(List<PeerAddress> addresses) {
                    throw new IllegalStateException("not in this test");
                }
            };
            this.punching = new HolePunching(this, id, seen, given, Executors.newSingleThreadScheduledExecutor(), RandomGenerator.getDefault());
        }

        @Override
        public List<PeerAddress> listenAddresses() {
            return listening;
        }

        ConnectedPeer relayedAt() {
            return new ConnectedPeer(id, id.shortForm(), new PeerAddress("10.0.0.1", 22070), false, Instant.now(), Optional.of(RELAY));
        }

        @Override
        public CompletionStage<ConnectedPeer> connect(PeerId expected, List<PeerAddress> addresses) {
            return CompletableFuture.failedFuture(new TransportException("these nodes do not dial"));
        }

        @Override
        public CompletionStage<ConnectedPeer> punch(PeerId expected, List<PeerAddress> addresses, boolean leads) {
            punches.add(new Punch(expected, addresses, leads));
            ConnectedPeer direct = new ConnectedPeer(expected, expected.shortForm(), addresses.get(0), !leads, Instant.now(), Optional.empty());
            connections.put(expected, direct);
            return CompletableFuture.completedFuture(direct);
        }

        @Override
        public CompletionStage<Stream> openStream(PeerId peer, ProtocolId protocol) {
            streamsOpened.incrementAndGet();
            return servedBy(id, peer, protocol, other.punching::handle);
        }
    }
}
