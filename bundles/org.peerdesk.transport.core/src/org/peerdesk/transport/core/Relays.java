package org.peerdesk.transport.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;

/**
 * Reaches a known peer that cannot be dialed (on another network, behind a router that forwards nothing) through a
 * known peer connected to both: asks up to {@value #RELAYS} of those it is connected to directly, in turn, to relay,
 * and a known peer that connects is asked about those not reached. A peer is not asked about more often than every
 * {@link #ASK_AGAIN} after a failed dial, so a peer that is simply off costs the others little.
 */
final class Relays {

    static final int RELAYS = 3;
    static final int MOST_AT_ONCE = 8;
    static final Duration ASK_AGAIN = Duration.ofMinutes(1);
    private static final Logger LOG = System.getLogger(Relays.class.getName());
    private static final long ANSWER_SECONDS = 30;

    private final TransportService transport;
    private final PeerDirectory directory;
    private final Clock clock;
    private final Map<PeerId, Instant> lastTried = new ConcurrentHashMap<>();

    Relays(TransportService transport, PeerDirectory directory, Clock clock) {
        this.transport = transport;
        this.directory = directory;
        this.clock = clock;
    }

    /** Connects to {@code peer} through a relay, unless it is connected, not known, or was tried a moment ago. */
    void reach(PeerId peer) throws TransportException, InterruptedException {
        Instant now = clock.instant();
        Instant before = lastTried.get(peer);
        if (before != null && before.plus(ASK_AGAIN).isAfter(now) || directory.find(peer).isEmpty()) {
            return;
        }
        List<ConnectedPeer> relays = transport.connectedPeers().stream()
                .filter(relay -> !relay.relayed() && !relay.id().equals(peer) && isKnown(relay.id()))
                .limit(RELAYS)
                .toList();
        if (relays.isEmpty()) {
            return; // nobody to ask yet: a relay that connects is asked then (see through)
        }
        lastTried.put(peer, now);
        for (ConnectedPeer relay : relays) {
            if (attempt(relay, peer)) {
                return;
            }
        }
    }

    /**
     * {@code relay} connected: if it is a known peer, connected directly, it is asked to relay to those of
     * {@code unreached} (known peers that could not be dialed) still not connected, up to {@value #MOST_AT_ONCE} of them.
     */
    void through(ConnectedPeer relay, Collection<PeerId> unreached) throws InterruptedException {
        if (relay.relayed() || !isKnown(relay.id())) {
            return;
        }
        List<PeerId> wanted = List.copyOf(unreached).stream().filter(peer -> !peer.equals(relay.id())).limit(MOST_AT_ONCE).toList();
        for (PeerId peer : wanted) {
            attempt(relay, peer);
        }
    }

    /** Asks {@code relay} to relay to {@code peer} unless it is connected already; says whether it is connected now. */
    private boolean attempt(ConnectedPeer relay, PeerId peer) throws InterruptedException {
        if (transport.connection(peer).isPresent()) {
            return true;
        }
        try {
            transport.connectVia(relay.id(), peer).toCompletableFuture().get(ANSWER_SECONDS, TimeUnit.SECONDS);
            LOG.log(Level.INFO, "Reached {0} through {1}", peer.shortForm(), relay.displayName());
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.DEBUG, "{0} did not relay to {1}: {2}", relay.id().shortForm(), peer.shortForm(),
                    e.getCause() == null ? "no answer in time" : e.getCause().getMessage());
            return false;
        }
    }

    private boolean isKnown(PeerId peer) {
        try {
            return directory.find(peer).isPresent();
        } catch (TransportException e) {
            return false;
        }
    }
}
