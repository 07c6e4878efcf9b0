package org.peerdesk.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.DialProblem;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.event.TwinRefused;
import org.peerdesk.transport.event.TwinSeen;

/**
 * Simultaneous dials: both sides keep the connection dialed by the lower ID, and listeners hear of
 * every connection that becomes the live one, also one that replaces a connection they were told of
 * (a plugin that opened a stream on the replaced one learns that it may open it again); a direct connection
 * always wins over a relayed one; the peer's identity on a newer machine wins over all.
 */
class ConnectionRegistryTest {

    private static final PeerId LOWER = peer(1);
    private static final PeerId HIGHER = peer(2);

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<String> closed = new CopyOnWriteArrayList<>();
    private final List<String> frames = new CopyOnWriteArrayList<>();

    @Test
    void theLowerDialerWinsAndAReplacementIsAnnouncedAgain() {
        ConnectionRegistry registry = new ConnectionRegistry(LOWER, events());
        PeerConnection incoming = connection("incoming", false);
        PeerConnection dialed = connection("dialed", true);

        assertSame(incoming, registry.register(incoming));
        assertSame(dialed, registry.register(dialed), "the connection this node (the lower ID) dialed wins");
        assertEquals(List.of("incoming"), closed);
        assertEquals(List.of("connected", "connected"), heard, "the winner that replaced an announced one is announced");

        registry.unregister(incoming, "went away");
        assertEquals(List.of("connected", "connected"), heard, "the loser's end is no disconnection");

        PeerConnection late = connection("late", false);
        assertSame(dialed, registry.register(late), "a losing duplicate changes nothing");
        assertEquals(List.of("incoming", "late"), closed);
        assertEquals(2, heard.size());

        registry.unregister(dialed, "closed");
        assertEquals(List.of("connected", "connected", "disconnected"), heard);
    }

    @Test
    void whyTheLastDialOfAPeerFailedIsKeptUntilItConnects() {
        ConnectionRegistry registry = new ConnectionRegistry(LOWER, events());
        PeerConnection incoming = connection("incoming", false);
        DialProblem unreachable = new DialProblem("Could not connect: connection refused.", false, Instant.EPOCH);
        registry.dialFailed(incoming.peerId(), unreachable);
        assertEquals(Optional.of(unreachable), registry.dialProblem(incoming.peerId()));
        assertEquals(Optional.empty(), registry.dialProblem(LOWER), "another peer's");

        registry.register(incoming);
        assertEquals(Optional.empty(), registry.dialProblem(incoming.peerId()), "it connected, dialing this node itself");

        assertFalse(registry.refusedSince(Instant.EPOCH), "a peer unreachable refuses nothing");
        registry.dialFailed(peer(3), new DialProblem("Could not connect: 3 refuses this machine: ...", true, Instant.EPOCH.plusSeconds(60)));
        assertTrue(registry.refusedSince(Instant.EPOCH.plusSeconds(60)));
        assertFalse(registry.refusedSince(Instant.EPOCH.plusSeconds(61)), "a refusal from before counts no more");
    }

    @Test
    void aDirectConnectionWinsOverARelayedOneWhoeverDialedIt() {
        ConnectionRegistry registry = new ConnectionRegistry(LOWER, events());
        PeerConnection relayed = connection("relayed", true, Optional.of(peer(3)));
        PeerConnection direct = connection("direct", false, Optional.empty());

        assertSame(relayed, registry.register(relayed));
        assertSame(direct, registry.register(direct), "direct, though the higher ID dialed it");
        assertSame(direct, registry.register(connection("relayed again", true, Optional.of(peer(3)))), "and a relayed one never replaces it");
        assertEquals(List.of("relayed", "relayed again"), closed);
    }

    @Test
    void thePeersIdentityOnANewerMachineWinsWhoeverDialedAndTellsTheOlderMachineWhy() {
        ConnectionRegistry registry = new ConnectionRegistry(LOWER, events());
        PeerConnection older = connection("older", true, Optional.empty(), new Machine(0, 1));
        PeerConnection newer = connection("newer", false, Optional.of(peer(3)), new Machine(1, 2));

        assertSame(older, registry.register(older));
        assertSame(newer, registry.register(newer), "relayed and dialed by the higher ID, but from the machine that took the place");
        assertEquals(List.of("older"), closed);
        assertEquals(List.of("older: SUPERSEDED"), frames, "the older machine is told, not sent away as a duplicate");
        assertSame(newer, registry.register(connection("older again", true, Optional.empty(), new Machine(0, 3))));
    }

    @Test
    void anotherStartOfThePeerIsFoundBesideTheLiveConnectionAndOnceLetInTakesItsPlaceSayingWhy() {
        ConnectionRegistry registry = new ConnectionRegistry(LOWER, events());
        PeerConnection before = connection("before", true, Optional.empty(), new Machine(0, 11));
        registry.register(before);

        assertEquals(Optional.of(before), registry.twinOf(HIGHER, new Machine(0, 12)));
        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.empty()), List.of(registry.twinOf(HIGHER, new Machine(0, 11)),
                registry.twinOf(HIGHER, new Machine(0, 0)), registry.twinOf(LOWER, new Machine(0, 12))),
                "the same start, one whose proof does not say, another peer");

        PeerConnection again = connection("again", false, Optional.empty(), new Machine(0, 12));
        assertSame(again, registry.register(again), "though this node, the lower ID, dialed the one before");
        assertEquals(List.of("before: GOAWAY"), frames);
        assertEquals(List.of("before"), closed);
    }

    @Test
    void onlyTheLiveConnectionSaysThePeerWasRenamed() {
        ConnectionRegistry registry = new ConnectionRegistry(LOWER, events());
        PeerConnection incoming = connection("incoming", false);
        PeerConnection dialed = connection("dialed", true);
        registry.register(incoming);
        registry.register(dialed);

        registry.renamed(incoming, incoming.renamed("said on the closing connection"));
        registry.renamed(dialed, dialed.renamed("Higher's laptop"));
        assertEquals(List.of("connected", "connected", "renamed Higher's laptop"), heard);
        assertEquals("Higher's laptop", registry.get(HIGHER).orElseThrow().peer().displayName());
    }

    private TransportEvents events() {
        return new TransportEvents() {
            @Override
            public void connected(ConnectedPeer peer) {
                heard.add("connected");
            }

            @Override
            public void disconnected(PeerId peer, String reason) {
                heard.add("disconnected");
            }

            @Override
            public void renamed(ConnectedPeer peer) {
                heard.add("renamed " + peer.displayName());
            }

            @Override
            public void twinSeen(TwinSeen seen) {
                heard.add("twin seen");
            }

            @Override
            public void twinRefused(TwinRefused refused) {
                heard.add("twin refused");
            }
        };
    }

    private PeerConnection connection(String name, boolean outbound) {
        return connection(name, outbound, Optional.empty());
    }

    private PeerConnection connection(String name, boolean outbound, Optional<PeerId> relay) {
        return connection(name, outbound, relay, new Machine(0, 1));
    }

    /** One from the peer's identity on {@code machine}. */
    private PeerConnection connection(String name, boolean outbound, Optional<PeerId> relay, Machine machine) {
        ConnectedPeer peer = new ConnectedPeer(HIGHER, "higher", new PeerAddress("127.0.0.1", 22070), !outbound, Instant.now(), relay);
        return new PeerConnection(peer, machine, outbound, new Hello(Hello.VERSION, Hello.CAPABILITIES, 0, "higher"),
                frame -> frames.add(name + ": " + frame.type()), () -> closed.add(name), null, Pacing.unlimited(), Runnable::run);
    }

    private static PeerId peer(int n) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) n;
        return new PeerId(bytes);
    }
}
