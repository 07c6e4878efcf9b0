package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Topics;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.SeenAddresses;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.event.PeerConnected;
import org.peerdesk.transport.event.PeerIntroduced;
import org.peerdesk.transport.event.TransportTopics;

/**
 * Ana's and Ben's nodes, each with its own database, telling each other where they can be reached from other
 * networks over an in-memory stream: when, to whom, and what each then dials the other at.
 */
@Timeout(60)
class PublicAddressExchangeTest {

    private static final PeerAddress ANA_LAN = new PeerAddress("192.168.1.20", 22070);
    private static final PeerAddress ANA_HOME = new PeerAddress("ana.example.net", 22070);
    private static final PeerAddress ANA_ROUTER = new PeerAddress("198.51.100.4", 22071);
    private static final PeerAddress BEN_LAN = new PeerAddress("192.168.1.30", 22070);
    private static final PeerAddress BEN_ROUTER = new PeerAddress("203.0.113.9", 22072);

    @TempDir
    Path home;

    private Node ana;
    private Node ben;

    @AfterEach
    void close() throws Exception {
        for (Node node : new Node[] {ana, ben}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void theDialerStartsTheExchangeAndEachChangeReachesThePeersConnected() throws Exception {
        startAnaAndBenWhoKnowEachOther();
        ben.setBeforeThisRun(List.of(BEN_ROUTER));
        ana.connectTo(ben, false);
        ben.connectTo(ana, true);
        ben.exchange.handleEvent(connected(ana, true));
        ana.exchange.handleEvent(connected(ben, false));
        waitUntil(() -> ana.knows(ben).publicAddresses(), List.of(BEN_ROUTER));
        assertEquals(List.of(BEN_LAN, BEN_ROUTER), ana.knows(ben).dialAddresses(), "where ben was reached first, then where he said");
        assertEquals(List.of(), ben.knows(ana).publicAddresses(), "ana has none to give");
        assertEquals(0, ben.streamsOpened.get(), "the side that was dialed waits to be told");
        // where each reaches the other, as the other said: recorded a moment after the addresses
        waitUntil(() -> ana.exchange.seen(), List.of(new SeenAddresses.Seen(ben.id, "Ben", ANA_LAN, SeenAddresses.Check.NOT_CHECKED)));
        waitUntil(() -> ben.exchange.seen(), List.of(new SeenAddresses.Seen(ana.id, "Ana", BEN_LAN, SeenAddresses.Check.NOT_CHECKED)));

        ana.publicAddresses.setAddresses(List.of(ANA_HOME));
        waitUntil(() -> ben.knows(ana).publicAddresses(), List.of(ANA_HOME));
        ana.publicAddresses.setAddresses(List.of(ANA_HOME)); // the same again: not told again
        ana.publicAddresses.setAddresses(List.of(ANA_HOME, ANA_ROUTER));
        waitUntil(() -> ben.knows(ana).publicAddresses(), List.of(ANA_HOME, ANA_ROUTER));
        assertEquals(3, ana.streamsOpened.get(), "one exchange when connected, one for each change");

        ana.publicAddresses.setAddresses(List.of());
        waitUntil(() -> ben.knows(ana).publicAddresses(), List.of());
        assertEquals(List.of(ANA_LAN), ben.knows(ana).dialAddresses(), "what ana no longer says is forgotten");
    }

    @Test
    void theGuestOfAnInviteStartsTheExchangeOnceBothKnowEachOtherAndHearsWhatChangesLater() throws Exception {
        startAnaAndBenWhoKnowEachOther();
        ana.setBeforeThisRun(List.of(ANA_HOME));
        ben.setBeforeThisRun(List.of(BEN_ROUTER));
        ana.connectTo(ben, true); // ben dialed ana to present her invite, as a stranger
        ben.connectTo(ana, false);
        ana.exchange.handleEvent(introduced(ben, PeerIntroduced.Way.OUR_INVITE));
        ben.exchange.handleEvent(introduced(ana, PeerIntroduced.Way.THEIR_INVITE));
        waitUntil(() -> ben.knows(ana).publicAddresses(), List.of(ANA_HOME));
        waitUntil(() -> ana.knows(ben).publicAddresses(), List.of(BEN_ROUTER));
        assertEquals(0, ana.streamsOpened.get(), "the inviter leaves it to the guest, who may not know her yet");

        ana.publicAddresses.setAddresses(List.of(ANA_HOME)); // what ben heard in her answer
        ana.publicAddresses.setAddresses(List.of());
        waitUntil(() -> ben.knows(ana).publicAddresses(), List.of());
        assertEquals(1, ana.streamsOpened.get(), "ben is told the change, and only the change");
    }

    @Test
    void aPeerThatDoesNotKnowTheOtherNeitherTellsNorAnswersNorKeeps() throws Exception {
        ana = new Node(home.resolve("ana"), "ana", ANA_LAN);
        ben = new Node(home.resolve("ben"), "ben", BEN_LAN);
        ana.setBeforeThisRun(List.of(ANA_ROUTER));
        ben.setBeforeThisRun(List.of(BEN_ROUTER));
        ana.connectTo(ben, false);
        ben.connectTo(ana, true);
        ana.exchange.handleEvent(connected(ben, false));
        ben.directory.remember(ana.id, "Ana", Optional.of(ANA_LAN));
        ben.exchange.handleEvent(introduced(ana, PeerIntroduced.Way.BY_ADDRESS));
        waitUntil(ana.served::get, 1);
        assertEquals(0, ana.streamsOpened.get(), "ana did not tell ben, whom she does not know");
        assertEquals(List.of(), ben.knows(ana).publicAddresses(), "nor did she answer him");
        assertEquals(Optional.empty(), ana.directory.find(ben.id), "and hearing from him did not make him known");
        assertEquals(List.of(), ana.exchange.seen());
    }

    @Test
    void aNodeSeenWhereItDoesNotListenIsDialedBackThereAndTellsPeersWhereItTakesConnections() throws Exception {
        PeerAddress anaSeen = new PeerAddress("198.51.100.4", 22070); // her router's address, with the port she listens on
        ana = new Node(home.resolve("ana"), "ana", anaSeen, ANA_LAN);
        ben = new Node(home.resolve("ben"), "ben", BEN_LAN);
        ana.directory.remember(ben.id, "Ben", Optional.of(BEN_LAN));
        ben.directory.remember(ana.id, "Ana", Optional.of(anaSeen));
        ana.connectTo(ben, false);
        ben.connectTo(ana, true);
        ana.exchange.handleEvent(connected(ben, false));
        waitUntil(() -> ana.exchange.seen().stream().map(SeenAddresses.Seen::check).toList(), List.of(SeenAddresses.Check.NO_ANSWER));
        assertEquals(List.of(), ben.knows(ana).publicAddresses(), "where the dial back did not get through is not public");

        ana.close(); // her router forwards the port now; a new run asks again
        ana = new Node(home.resolve("ana"), "ana", anaSeen, ANA_LAN);
        ana.connectTo(ben, false);
        ben.connectTo(ana, true);
        ben.answersAt.add(anaSeen);
        ana.exchange.handleEvent(connected(ben, false));
        waitUntil(() -> ana.exchange.seen(), List.of(new SeenAddresses.Seen(ben.id, "Ben", anaSeen, SeenAddresses.Check.TAKES_CONNECTIONS)));
        waitUntil(() -> ben.knows(ana).publicAddresses(), List.of(anaSeen));
        assertEquals(List.of(anaSeen), ana.exchange.takingConnections());
    }

    private void startAnaAndBenWhoKnowEachOther() throws Exception {
        ana = new Node(home.resolve("ana"), "ana", ANA_LAN);
        ben = new Node(home.resolve("ben"), "ben", BEN_LAN);
        ana.directory.remember(ben.id, "Ben", Optional.of(BEN_LAN));
        ben.directory.remember(ana.id, "Ana", Optional.of(ANA_LAN));
    }

    private static Event connected(Node peer, boolean inbound) {
        return event(TransportTopics.PEER_CONNECTED, new PeerConnected(peer.asConnected(inbound)));
    }

    private static Event introduced(Node peer, PeerIntroduced.Way way) {
        return event(TransportTopics.PEER_INTRODUCED, new PeerIntroduced(peer.id, way));
    }

    private static Event event(String topic, Object data) {
        return new Event(topic, Map.of(Topics.DATA, data));
    }

    private static <T> void waitUntil(Supplier<T> actual, T expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!expected.equals(actual.get())) {
            if (System.nanoTime() > deadline) {
                assertEquals(expected, actual.get());
            }
            Thread.sleep(10);
        }
    }

    /** One node: its database, known peers, public addresses and exchange, and a transport whose streams reach the other node's exchange. */
    private static final class Node extends FakeConnections implements AutoCloseable {

        final PeerId id;
        /** Where the other node reaches this one. */
        final PeerAddress at;
        private final PeerAddress listening;
        /** Where this node's probes find the peer they dial. */
        final Set<PeerAddress> answersAt = ConcurrentHashMap.newKeySet();
        final DialBackHandler dialBacks = new DialBackHandler(this);
        final AtomicInteger streamsOpened = new AtomicInteger();
        /** Exchanges the other node started that this one's handler has finished. */
        final AtomicInteger served = new AtomicInteger();
        final DataDirectory data;
        final H2Storage storage;
        final StoredPeerDirectory directory;
        final StoredPublicAddresses publicAddresses;
        final PublicAddressExchange exchange;
        private Node other;

        Node(Path folder, String name, PeerAddress at) throws Exception {
            this(folder, name, at, at);
        }

        /** One that listens at {@code listening}, and is reached at {@code at}, an address its router forwards or not. */
        Node(Path folder, String name, PeerAddress at, PeerAddress listening) throws Exception {
            this.id = PeerId.ofPublicKey(name.getBytes(StandardCharsets.UTF_8));
            this.at = at;
            this.listening = listening;
            this.data = DataDirectory.open(folder);
            this.storage = new H2Storage(data);
            this.directory = new StoredPeerDirectory(storage, peer -> { }, Clock.systemUTC());
            this.publicAddresses = new StoredPublicAddresses(storage,
                    addresses -> exchange().handleEvent(event(TransportTopics.PUBLIC_ADDRESSES_CHANGED, addresses)));
            this.exchange = new PublicAddressExchange(this, directory, publicAddresses);
        }

        private PublicAddressExchange exchange() {
            return exchange;
        }

        /** The user's public addresses as a run before this one left them: this run is not told. */
        void setBeforeThisRun(List<PeerAddress> addresses) throws Exception {
            new StoredPublicAddresses(storage, unchanged -> { }).setAddresses(addresses);
        }

        void connectTo(Node peer, boolean inbound) {
            other = peer;
            connections.put(peer.id, peer.asConnected(inbound));
        }

        ConnectedPeer asConnected(boolean inbound) {
            return new ConnectedPeer(id, id.shortForm(), at, inbound, Instant.now());
        }

        KnownPeer knows(Node peer) {
            try {
                return directory.find(peer.id).orElseThrow();
            } catch (TransportException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public CompletionStage<ConnectedPeer> connect(PeerId expected, List<PeerAddress> addresses) {
            return CompletableFuture.failedFuture(new TransportException("these nodes do not dial"));
        }

        @Override
        public List<PeerAddress> listenAddresses() {
            return List.of(listening);
        }

        @Override
        public CompletionStage<Void> probe(PeerId expected, PeerAddress address) {
            return answersAt.contains(address) ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new TransportException("Cannot reach " + address + ": timed out."));
        }

        @Override
        public CompletionStage<Stream> openStream(PeerId peer, ProtocolId protocol) {
            if (protocol.equals(DialBackWire.ID)) {
                return servedBy(id, peer, protocol, other.dialBacks::handle);
            }
            streamsOpened.incrementAndGet();
            return servedBy(id, peer, protocol, theirs -> {
                other.exchange.handle(theirs);
                other.served.incrementAndGet();
            });
        }

        @Override
        public void close() throws Exception {
            exchange.stop();
            storage.close();
            data.close();
        }
    }
}
