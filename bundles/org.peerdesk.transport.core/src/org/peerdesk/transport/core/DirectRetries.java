package org.peerdesk.transport.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;

/**
 * Keeps dialing a relayed peer directly, less and less often, so that a direct connection takes the relayed one's
 * place once the peer can be dialed (its router forwards a port now, or it is found at a newer address): a relay
 * carries every byte over its own link twice. After each failed dial the peers connected are asked where the relayed
 * one was seen (the {@code unreachable} callback), which dials it there.
 */
final class DirectRetries {

    /** Runs a task after a delay. */
    interface Timer {
        void schedule(Runnable task, Duration delay);
    }

    static final Duration FIRST = Duration.ofMinutes(1);
    static final Duration MOST = Duration.ofMinutes(30);
    private static final Logger LOG = System.getLogger(DirectRetries.class.getName());

    private final TransportService transport;
    private final PeerDirectory directory;
    private final Timer timer;
    private final Backoff backoff;
    private final Consumer<PeerId> unreachable;
    /** The relayed peers a direct dial is scheduled for. */
    private final Set<PeerId> scheduled = ConcurrentHashMap.newKeySet();

    DirectRetries(TransportService transport, PeerDirectory directory, Timer timer, RandomGenerator random, Consumer<PeerId> unreachable) {
        this.transport = transport;
        this.directory = directory;
        this.timer = timer;
        this.backoff = new Backoff(FIRST, MOST, 0.2, random);
        this.unreachable = unreachable;
    }

    /** {@code peer} connected through a relay: a direct dial is scheduled unless one is already. */
    void relayed(PeerId peer) {
        if (scheduled.add(peer)) {
            schedule(peer, 0);
        }
    }

    private void schedule(PeerId peer, int failed) {
        timer.schedule(() -> dial(peer, failed), backoff.delay(failed));
    }

    private void dial(PeerId peer, int failed) {
        List<PeerAddress> addresses = stillRelayed(peer) ? dialAddresses(peer) : List.of();
        if (addresses.isEmpty()) {
            scheduled.remove(peer); // gone, direct already, or nowhere to dial: a relayed connection later starts again
            return;
        }
        transport.connect(peer, addresses).whenComplete((connected, error) -> {
            if (error == null && !connected.relayed()) {
                scheduled.remove(peer);
                LOG.log(Level.INFO, "{0} is reached directly at {1} now, no longer through a relay", peer.shortForm(), connected.address());
                return;
            }
            unreachable.accept(peer);
            schedule(peer, failed + 1);
        });
    }

    private boolean stillRelayed(PeerId peer) {
        return transport.connection(peer).map(ConnectedPeer::relayed).orElse(false);
    }

    private List<PeerAddress> dialAddresses(PeerId peer) {
        try {
            return directory.find(peer).map(KnownPeer::dialAddresses).orElse(List.of());
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "Cannot look up {0}: {1}", peer.shortForm(), e.getMessage());
            return List.of();
        }
    }
}
