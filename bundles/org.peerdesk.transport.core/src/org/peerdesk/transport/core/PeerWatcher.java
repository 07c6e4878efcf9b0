package org.peerdesk.transport.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Threads;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Topics;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.DialProblem;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.event.KnownPeersChanged;
import org.peerdesk.transport.event.PeerAddressChanged;
import org.peerdesk.transport.event.PeerConnected;
import org.peerdesk.transport.event.PeerDisconnected;
import org.peerdesk.transport.event.PeerRenamed;
import org.peerdesk.transport.event.TransportTopics;

/**
 * Keeps this node connected to the peers it knows: dials them when the node starts, redials with
 * backoff after a connection drops, asks the peers it reaches where those it does not were seen
 * ({@link PeerFinder}) and to relay to them ({@link Relays}), keeps dialing a relayed peer directly
 * ({@link DirectRetries}), and remembers where each was last seen (announcing a move) and what its
 * user calls it.
 */
@Component(immediate = true, service = EventHandler.class,
        property = {EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_CONNECTED,
            EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_DISCONNECTED,
            EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_RENAMED,
            EventConstants.EVENT_TOPIC + "=" + TransportTopics.KNOWN_PEERS_CHANGED})
public final class PeerWatcher implements EventHandler {

    private static final Logger LOG = System.getLogger(PeerWatcher.class.getName());

    private final TransportService transport;
    private final PeerDirectory directory;
    private final EventAdmin events;
    private final Backoff backoff;
    private final Clock clock;
    private final Map<PeerId, Integer> attempts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Threads.daemon("peerdesk-redial"));
    private final ExecutorService lookups = Executors.newSingleThreadExecutor(Threads.daemon("peerdesk-peer-finder"));
    private final PeerFinder finder;
    private final Relays relays;
    private final DirectRetries directRetries;

    @Activate
    public PeerWatcher(@Reference TransportService transport, @Reference PeerDirectory directory,
            @Reference EventAdmin events) {
        this.transport = transport;
        this.directory = directory;
        this.events = events;
        this.backoff = Backoff.standard();
        this.clock = Clock.systemUTC();
        this.finder = new PeerFinder(transport, directory, clock);
        this.relays = new Relays(transport, directory, clock);
        this.directRetries = new DirectRetries(transport, directory, this::later, RandomGenerator.getDefault(),
                peer -> lookUp(() -> finder.unreachable(peer)));
        scheduler.execute(this::dialKnownPeers);
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
        lookups.shutdownNow();
    }

    @Override
    public void handleEvent(Event event) {
        Object data = event.getProperty(Topics.DATA);
        if (data instanceof PeerConnected connected) {
            scheduler.execute(() -> recordSeen(connected.peer()));
            lookUp(() -> finder.connected(connected.peer()));
            lookUp(() -> relays.through(connected.peer(), attempts.keySet()));
        } else if (data instanceof PeerRenamed renamed) {
            scheduler.execute(() -> recordName(renamed.peer(), renamed.name()));
        } else if (data instanceof PeerDisconnected disconnected) {
            scheduler.execute(() -> {
                recordLeft(disconnected.peer());
                scheduleRedial(disconnected.peer());
            });
        } else if (data instanceof KnownPeersChanged changed) {
            scheduler.execute(() -> knownPeersChanged(changed.peer()));
        }
    }

    /**
     * A peer that connected as a stranger (to present an invite) and is known now: notes where it is. A peer
     * forgotten: closes its connection (it may connect again, as a stranger may). A peer newly known with an
     * address (an introduction accepted) and not connected: dials it, and keeps trying as after a drop.
     */
    private void knownPeersChanged(PeerId peer) {
        Optional<ConnectedPeer> connection = transport.connection(peer);
        if (connection.isEmpty()) {
            dialIfNoneTries(peer);
            return;
        }
        try {
            if (directory.find(peer).isPresent()) {
                recordSeen(connection.get());
            } else {
                attempts.remove(peer);
                transport.disconnect(peer);
            }
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "Cannot look up {0}: {1}", peer.shortForm(), e.getMessage());
        }
    }

    /** Dials a known peer with an address unless a dial or redial of it is under way already (which its attempts count marks). */
    private void dialIfNoneTries(PeerId peer) {
        try {
            List<PeerAddress> addresses = directory.find(peer).map(KnownPeer::dialAddresses).orElse(List.of());
            if (!addresses.isEmpty() && attempts.putIfAbsent(peer, 0) == null) {
                dial(peer, addresses);
            }
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "Cannot look up {0}: {1}", peer.shortForm(), e.getMessage());
        }
    }

    private void dialKnownPeers() {
        try {
            for (KnownPeer peer : directory.peers()) {
                if (!peer.dialAddresses().isEmpty() && transport.connection(peer.id()).isEmpty()) {
                    dial(peer.id(), peer.dialAddresses());
                }
            }
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "Cannot dial the known peers: {0}", e.getMessage());
        }
    }

    private void recordSeen(ConnectedPeer peer) {
        attempts.remove(peer.id());
        try {
            Optional<KnownPeer> known = directory.find(peer.id());
            if (known.isEmpty()) {
                return;
            }
            recordName(known.get(), peer.displayName());
            if (peer.relayed()) { // the address is the relay's: where the peer was last reached stays as it was
                directRetries.relayed(peer.id());
                Optional<PeerAddress> reached = known.get().address();
                if (reached.isPresent()) {
                    directory.seen(peer.id(), reached.get(), clock.instant());
                }
                return;
            }
            directory.seen(peer.id(), peer.address(), clock.instant());
            Optional<PeerAddress> previous = known.get().address();
            if (previous.isPresent() && !previous.get().equals(peer.address())) {
                events.postEvent(new Event(TransportTopics.PEER_ADDRESS_CHANGED, Map.of(Topics.DATA,
                        new PeerAddressChanged(peer.id(), previous.get(), peer.address()), Topics.PEER, peer.id().toString())));
            }
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "Cannot record where {0} was seen: {1}", peer.id().shortForm(), e.getMessage());
        }
    }

    /** A known peer was seen until its connection ended, where it was last reached: "seen 2 min ago" counts from then. */
    private void recordLeft(PeerId peer) {
        try {
            Optional<PeerAddress> reached = directory.find(peer).flatMap(KnownPeer::address);
            if (reached.isPresent()) {
                directory.seen(peer, reached.get(), clock.instant());
            }
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "Cannot record when {0} was last seen: {1}", peer.shortForm(), e.getMessage());
        }
    }

    private void recordName(PeerId peer, String name) {
        try {
            Optional<KnownPeer> known = directory.find(peer);
            if (known.isPresent()) {
                recordName(known.get(), name);
            }
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "Cannot record the new name of {0}: {1}", peer.shortForm(), e.getMessage());
        }
    }

    /** Its user renamed the peer (a blank name says nothing). */
    private void recordName(KnownPeer known, String name) throws TransportException {
        if (!name.isBlank() && !name.strip().equals(known.name())) {
            directory.remember(known.id(), name, Optional.empty());
        }
    }

    private void scheduleRedial(PeerId peer) {
        scheduleRedial(peer, backoff::delay);
    }

    private void scheduleRedial(PeerId peer, IntFunction<Duration> wait) {
        int attempt = attempts.merge(peer, 1, Integer::sum) - 1;
        scheduler.schedule(() -> redial(peer), wait.apply(attempt).toMillis(), TimeUnit.MILLISECONDS);
    }

    private void redial(PeerId peer) {
        if (transport.connection(peer).isPresent()) {
            return;
        }
        try {
            List<PeerAddress> addresses = directory.find(peer).map(KnownPeer::dialAddresses).orElse(List.of());
            if (!addresses.isEmpty()) {
                dial(peer, addresses);
            }
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "Cannot redial {0}: {1}", peer.shortForm(), e.getMessage());
        }
    }

    private void later(Runnable task, Duration delay) {
        try {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopped: the node is shutting down
        }
    }

    private void lookUp(Background.Task lookup) {
        Background.run(lookups, lookup, reason -> LOG.log(Level.WARNING, "Cannot look for peers not reached: {0}", reason));
    }

    private void dial(PeerId peer, List<PeerAddress> addresses) {
        transport.connect(peer, addresses).whenComplete((connected, error) -> {
            if (error == null || scheduler.isShutdown()) {
                return;
            }
            DialProblem problem = DialProblem.of(error, clock.instant());
            scheduler.execute(() -> scheduleRedial(peer, attempt -> backoff.delay(attempt, problem)));
            if (problem.refused()) { // found, and refusing: no other peer is asked where it is, or to relay to it
                LOG.log(Level.INFO, "{0} refuses this machine; asking again in {1} minutes: {2}", peer.shortForm(),
                        Backoff.AFTER_REFUSAL.toMinutes(), problem.reason());
                return;
            }
            LOG.log(Level.INFO, "{0} is not reachable at {1} yet", peer.shortForm(), addresses.size() == 1 ? addresses.get(0) : addresses);
            lookUp(() -> finder.unreachable(peer));
            lookUp(() -> relays.reach(peer));
        });
    }
}
