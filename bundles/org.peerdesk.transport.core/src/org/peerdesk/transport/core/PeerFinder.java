package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;

/**
 * Finds the known peers this node no longer reaches where it knew them by asking the known peers it
 * does reach ({@link Whereabouts}), and dials them where those saw them. It asks a peer as it
 * connects (about every known peer not connected), and asks the connected ones about a peer whose
 * redial failed, at most once a minute per peer. Its methods block: run them on a thread of their own.
 */
final class PeerFinder {

    private static final Logger LOG = System.getLogger(PeerFinder.class.getName());
    private static final ProtocolId PROTOCOL = ProtocolId.of(Whereabouts.PROTOCOL_ID);
    private static final Duration ASK_AGAIN = Duration.ofMinutes(1);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final int HELPERS = 8;

    private final TransportService transport;
    private final PeerDirectory directory;
    private final Clock clock;
    private final Map<PeerId, Instant> lastAsked = new ConcurrentHashMap<>();
    /** The last sighting of each peer dialed: the same one is not dialed again, one from later is. */
    private final Map<PeerId, Whereabouts.Sighting> dialed = new ConcurrentHashMap<>();

    PeerFinder(TransportService transport, PeerDirectory directory, Clock clock) {
        this.transport = transport;
        this.directory = directory;
        this.clock = clock;
    }

    /** {@code helper} connected: if it is a known peer, asks it about the known peers not connected, or only through a relay. */
    void connected(ConnectedPeer helper) throws TransportException, InterruptedException {
        List<KnownPeer> known = directory.peers();
        if (known.stream().noneMatch(peer -> peer.id().equals(helper.id()))) {
            return;
        }
        List<KnownPeer> away = known.stream()
                .filter(peer -> !peer.id().equals(helper.id()) && transport.directConnection(peer.id()).isEmpty())
                .limit(Whereabouts.MAX_ASKED)
                .toList();
        if (!away.isEmpty()) {
            ask(helper, away);
        }
    }

    /** Dialing {@code peer} where it was known failed (it may be relayed): asks the known peers connected where they saw it. */
    void unreachable(PeerId peer) throws TransportException, InterruptedException {
        Instant now = clock.instant();
        Instant before = lastAsked.get(peer);
        if (before != null && before.plus(ASK_AGAIN).isAfter(now)) {
            return;
        }
        lastAsked.put(peer, now);
        Map<PeerId, KnownPeer> known = directory.peers().stream().collect(Collectors.toMap(KnownPeer::id, Function.identity()));
        if (!known.containsKey(peer)) {
            return;
        }
        List<ConnectedPeer> helpers = transport.connectedPeers().stream()
                .filter(helper -> known.containsKey(helper.id()) && !helper.id().equals(peer))
                .limit(HELPERS)
                .toList();
        for (ConnectedPeer helper : helpers) {
            if (transport.directConnection(peer).isPresent()) {
                return;
            }
            ask(helper, List.of(known.get(peer)));
        }
    }

    private void ask(ConnectedPeer helper, List<KnownPeer> away) throws InterruptedException {
        List<PeerId> asked = away.stream().map(KnownPeer::id).toList();
        List<Whereabouts.Sighting> sightings;
        try (Stream stream = transport.awaitStream(helper.id(), PROTOCOL, ANSWER_WITHIN)) {
            Whereabouts.writeQuestion(new DataOutputStream(stream.output()), asked);
            sightings = Whereabouts.readAnswer(new DataInputStream(stream.input()), asked);
        } catch (TransportException | IOException | InvalidInputException e) {
            LOG.log(Level.DEBUG, "{0} could not say where peers are: {1}", helper.id().shortForm(), e.getMessage());
            return;
        }
        Map<PeerId, KnownPeer> byId = away.stream().collect(Collectors.toMap(KnownPeer::id, Function.identity()));
        for (Whereabouts.Sighting sighting : sightings) {
            if (transport.directConnection(sighting.peer()).isPresent() || sighting.equals(dialed.get(sighting.peer()))) {
                continue;
            }
            Whereabouts.worthDialing(byId.get(sighting.peer()), sighting, helper.address()).ifPresent(address -> {
                dialed.put(sighting.peer(), sighting);
                LOG.log(Level.INFO, "{0} saw {1} at {2}; dialing it there", helper.id().shortForm(), sighting.peer().shortForm(), address);
                transport.connect(sighting.peer(), address).whenComplete((connected, error) -> {
                    if (error != null) {
                        LOG.log(Level.INFO, "{0} is not reachable at {1} either", sighting.peer().shortForm(), address);
                    }
                });
            });
        }
    }
}
