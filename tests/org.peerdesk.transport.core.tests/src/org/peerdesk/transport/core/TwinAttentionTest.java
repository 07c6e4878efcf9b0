package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.peerdesk.core.Attention;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Topics;
import org.peerdesk.identity.core.LocalIdentity;
import org.peerdesk.testing.SettableClock;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.transport.event.TwinSeen;

/**
 * A peer met this node's identity on two machines at once: each machine's user is told which one the peer keeps, where
 * the other is, and what to do, for as long as peers keep meeting both.
 */
class TwinAttentionTest {

    private static final Instant MONDAY = Instant.parse("2026-12-07T14:00:00Z");
    private static final PeerAddress OTHER = new PeerAddress("10.0.0.7", 22070);

    @TempDir
    Path home;

    private final SettableClock clock = new SettableClock(MONDAY);

    @Test
    void theRefusedMachineIsToldToStartOverInANewDataDirectoryWhileItIsRefused() throws Exception {
        TwinAttention attention = attention();
        assertEquals(List.of(), attention.attention());

        attention.handleEvent(seen(true));
        clock.advance(Duration.ofMinutes(3));
        assertEquals(List.of(new Attention("node", "another machine runs as Ana's laptop right now, at 10.0.0.7:22070: Ben keeps"
                + " that one and refused this one (3 min ago); a copied data directory (a cloned virtual machine, a computer set up"
                + " from another's disk) makes two machines one node; start this machine over as a node of its own",
                "peerdesk start-over", "org.peerdesk.app.command.startOver")), attention.attention());

        clock.advance(TwinAttention.SAID_FOR);
        assertEquals(List.of(), attention.attention(), "no peer refused it for a while: the other machine is gone, or this one");
    }

    @Test
    void theKeptMachineIsToldWhereTheOtherIsAndWhatToDoThere() throws Exception {
        TwinAttention attention = attention();
        attention.handleEvent(seen(false));
        assertEquals(List.of(new Attention("node", "another machine runs as Ana's laptop right now, at 10.0.0.7:22070: Ben keeps"
                + " this one and refused that one (just now); a copied data directory (a cloned virtual machine, a computer set up"
                + " from another's disk) makes two machines one node; on that machine, run peerdesk start-over to make it a node"
                + " of its own; if that machine is not yours, someone has this node's key: start this one over too, and ask your"
                + " peers to block this node", "", "")), attention.attention());
    }

    private TwinAttention attention() throws Exception {
        LocalIdentity identity = LocalIdentity.inFolder(home.resolve("ana"));
        identity.rename("Ana's laptop");
        return new TwinAttention(identity, new ReadOnlyDirectory(Map.of(ben(), new KnownPeer(ben(), "Ben", Optional.empty(),
                MONDAY, Optional.empty(), List.of()))), clock);
    }

    private Event seen(boolean thisMachineRefused) throws Exception {
        return new Event(TransportTopics.TWIN_SEEN, Map.of(Topics.DATA, new TwinSeen(ben(), OTHER, thisMachineRefused, clock.instant())));
    }

    private PeerId ben() throws Exception {
        return LocalIdentity.inFolder(home.resolve("ben")).peerId();
    }
}
