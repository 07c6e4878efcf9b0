package org.peerdesk.messaging.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.testing.PipeStream;
import org.peerdesk.transport.PeerStreams;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.RefusalCode;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.StreamRefusedException;

/** Test peers joined by in-memory streams; a link between two of them can be up or down. */
final class TestNetwork implements AutoCloseable {

    private final Map<PeerId, TestPeer> peers = new ConcurrentHashMap<>();
    private final Set<Set<PeerId>> links = ConcurrentHashMap.newKeySet();
    /** The protocols of the streams each peer refused, in order. */
    private final Map<PeerId, List<String>> refusals = new ConcurrentHashMap<>();
    private final ExecutorService servers = Executors.newCachedThreadPool();
    /** The ends of the streams open over each link: a link that goes down ends them, as a closed connection does. */
    private final Map<Set<PeerId>, List<PipeStream>> open = new ConcurrentHashMap<>();

    void join(TestPeer peer) {
        peers.put(peer.id(), peer);
    }

    String name(PeerId peer) {
        TestPeer known = peers.get(peer);
        return known == null ? peer.shortForm() : known.name;
    }

    /**
     * Connects two peers that know each other: as {@link #connectStrangers}, then as when {@code one}
     * has taken {@code other}'s invite: {@code other} awaits its hello, {@code one} knows it is welcome.
     */
    void connect(TestPeer one, TestPeer other) {
        connectStrangers(one, other);
        other.messaging.courier.expectHello(one.id());
        one.messaging.courier.welcomed(other.id());
    }

    /**
     * The group "Team" of {@code creator}'s, with {@code one} and {@code other}, who know the creator but not each other and
     * have not let each other message them, once it reached both.
     */
    Conversation groupOfStrangers(TestPeer creator, TestPeer one, TestPeer other) throws Exception {
        connect(creator, one);
        connect(creator, other);
        one.strangers.add(other.id());
        other.strangers.add(one.id());
        one.mayMessage.put(other.id(), false);
        other.mayMessage.put(one.id(), false);
        return team(creator, one, other);
    }

    /** The group "Team" of {@code creator}'s, with {@code one} and {@code other}, who all know each other, once it reached both. */
    Conversation groupOfFriends(TestPeer creator, TestPeer one, TestPeer other) throws Exception {
        connect(creator, one);
        connect(creator, other);
        connect(one, other);
        return team(creator, one, other);
    }

    private static Conversation team(TestPeer creator, TestPeer one, TestPeer other) throws Exception {
        Conversation team = creator.messenger().createGroup("Team", List.of(one.id(), other.id()));
        Await.until(() -> one.messenger().conversation(team.id()).isPresent() && other.messenger().conversation(team.id()).isPresent(),
                () -> "the group did not reach everyone");
        return team;
    }

    /** Connects two peers, and tells both as the transport would. */
    void connectStrangers(TestPeer one, TestPeer other) {
        connectUntold(one, other);
        one.messaging.peerConnected(other.id());
        other.messaging.peerConnected(one.id());
    }

    /** Connects two peers and tells neither, as when the transport's event came before a node listened. */
    void connectUntold(TestPeer one, TestPeer other) {
        links.add(Set.of(one.id(), other.id()));
    }

    /** How many streams {@code server} refused, as the node's authorizer does for a peer it has not let message it. */
    int refusedBy(TestPeer server) {
        return refusals.getOrDefault(server.id(), List.of()).size();
    }

    /** How many streams of {@code protocol} {@code server} refused. */
    int refusedBy(TestPeer server, String protocol) {
        return (int) refusals.getOrDefault(server.id(), List.of()).stream().filter(protocol::equals).count();
    }

    /** Ends every link of {@code peer}'s, as when its machine goes away. */
    void disconnectAll(TestPeer peer) {
        for (TestPeer other : List.copyOf(peers.values())) {
            if (!other.id().equals(peer.id()) && links.contains(Set.of(peer.id(), other.id()))) {
                disconnect(peer, other);
            }
        }
    }

    void disconnect(TestPeer one, TestPeer other) {
        links.remove(Set.of(one.id(), other.id()));
        List<PipeStream> ended = open.remove(Set.of(one.id(), other.id()));
        if (ended != null) {
            ended.forEach(PipeStream::close);
        }
        one.messaging.courier.peerDisconnected(other.id());
        other.messaging.courier.peerDisconnected(one.id());
    }

    PeerStreams streamsOf(TestPeer self) {
        return new PeerStreams() {
            @Override
            public boolean connected(PeerId peer) {
                return !peer.equals(self.id()) && links.contains(Set.of(self.id(), peer));
            }

            @Override
            public List<PeerId> connectedPeers() {
                return peers.keySet().stream().filter(this::connected).toList();
            }

            @Override
            public Stream open(PeerId peer, ProtocolId protocol) throws IOException {
                if (!connected(peer)) {
                    throw new IOException("not connected to " + peer.shortForm());
                }
                TestPeer server = peers.get(peer);
                if (server.unknownProtocols.contains(protocol.value())) {
                    refusals.computeIfAbsent(peer, any -> new CopyOnWriteArrayList<>()).add(protocol.value());
                    throw new IOException(new StreamRefusedException(protocol, RefusalCode.UNKNOWN_PROTOCOL, null));
                }
                if (!server.mayMessage.getOrDefault(self.id(), true)) {
                    refusals.computeIfAbsent(peer, any -> new CopyOnWriteArrayList<>()).add(protocol.value());
                    throw new IOException(new StreamRefusedException(protocol, RefusalCode.NOT_AUTHORIZED, "no grant"));
                }
                PipeStream[] ends = PipeStream.pair(self.id(), peer, protocol);
                open.computeIfAbsent(Set.of(self.id(), peer), link -> new CopyOnWriteArrayList<>()).addAll(List.of(ends));
                servers.execute(() -> {
                    try (PipeStream end = ends[1]) {
                        switch (protocol.value()) {
                            case MessagesWire.PROTOCOL -> {
                                if (server.unknownKinds.isEmpty()) {
                                    server.messaging.messages.serve(end);
                                } else {
                                    serveAsAnEarlierVersion(server, end);
                                }
                            }
                            case TypingWire.PROTOCOL -> server.messaging.typingServer.serve(end);
                            case CatchUps.PROTOCOL -> server.messaging.catchUps.serve(end, true);
                            case CatchUps.FIRST_PROTOCOL -> server.messaging.catchUps.serve(end, false);
                            default -> server.messaging.mailbox.serve(end);
                        }
                    } catch (Exception e) {
                        // the stream ended; the courier notices on its side
                    }
                });
                return ends[0];
            }
        };
    }

    /**
     * Serves the messages protocol as a node of an earlier version would: an envelope of a kind it does not know is refused
     * as its inbox refuses one, the others go to its inbox.
     */
    private static void serveAsAnEarlierVersion(TestPeer server, Stream stream) throws Exception {
        DataInputStream in = new DataInputStream(stream.input());
        DataOutputStream out = new DataOutputStream(stream.output());
        for (byte[] envelope = MessagesWire.readEnvelope(in); envelope != null; envelope = MessagesWire.readEnvelope(in)) {
            MessagesWire.writeVerdict(out, server.unknownKinds.contains((int) envelope[1])
                    ? Verdict.refused("dropped a malformed or forged envelope: the envelope has an unknown kind " + envelope[1])
                    : server.messaging.inbox.accept(new Inbox.Direct(stream.peer()), List.of(envelope)).get(0));
            out.flush();
        }
    }

    /** Stops the streams' servers, and waits for them: they work on their peers' databases. Close it before the peers. */
    @Override
    public void close() {
        stop(servers);
    }

    /** Interrupts what {@code threads} run and waits until they have ended. */
    static void stop(ExecutorService threads) {
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new AssertionError("threads of the test still run 10 s after being interrupted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
