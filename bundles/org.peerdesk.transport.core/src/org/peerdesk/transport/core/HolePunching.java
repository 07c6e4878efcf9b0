package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Threads;
import org.peerdesk.core.Topics;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PortMapping;
import org.peerdesk.transport.PublicAddresses;
import org.peerdesk.transport.SeenAddresses;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.event.PeerConnected;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * Makes a relayed connection a direct one where both peers sit behind routers that let in only answers to what went
 * out (hole punching, as libp2p's DCUtR does it). Over the relayed connection each side says where it can be dialed:
 * where its peers reach it ({@link SeenAddresses}: a router's public address with the port the node listens on), then
 * its public addresses. The side with the lower ID asks, measures the round trip, says "now" and waits half of it;
 * then both dial each other at once from the ports they listen on ({@link TransportService#punch}). Each router sees its
 * own node's dial go out before the other's comes in, takes that one for the answer and lets it through, and the two
 * dials become one connection, which takes the relayed one's place. While there is none, the lower ID tries again,
 * less and less often, as long as the peer is relayed.
 */
@Component(service = {ProtocolHandler.class, EventHandler.class}, property = {
        ProtocolHandler.PROTOCOL + "=" + HolePunchWire.PROTOCOL, ProtocolHandler.ACCESS + "=trusted",
        EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_CONNECTED})
public final class HolePunching implements ProtocolHandler, EventHandler {

    /** The relayed connection is up and each side has heard where its peers reach it: a second is plenty. */
    static final Duration FIRST = Duration.ofSeconds(1);
    private static final Logger LOG = System.getLogger(HolePunching.class.getName());
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    /** The dials' own connect timeout ends them sooner; this only bounds a wait that something else holds up. */
    private static final Duration CONNECTED_WITHIN = Duration.ofSeconds(60);

    private final TransportService transport;
    private final PeerId self;
    private final SeenAddresses seen;
    private final PublicAddresses publicAddresses;
    private final DirectRetries.Timer timer;
    private final Backoff backoff;
    private final ScheduledExecutorService threads;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile PortMapping portMapping;
    /** The relayed peers a punch is scheduled for. */
    private final Set<PeerId> scheduled = ConcurrentHashMap.newKeySet();

    @Activate
    public HolePunching(@Reference TransportService transport, @Reference NodeIdentity identity, @Reference SeenAddresses seen,
            @Reference PublicAddresses publicAddresses) {
        this(transport, identity.peerId(), seen, publicAddresses, Executors.newScheduledThreadPool(1, Threads.daemon("peerdesk-hole-punching")),
                RandomGenerator.getDefault());
    }

    HolePunching(TransportService transport, PeerId self, SeenAddresses seen, PublicAddresses publicAddresses,
            ScheduledExecutorService threads, RandomGenerator random) {
        this.transport = transport;
        this.self = self;
        this.seen = seen;
        this.publicAddresses = publicAddresses;
        this.threads = threads;
        this.timer = (task, delay) -> {
            try {
                threads.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // stopped: the node is shutting down
            }
        };
        this.backoff = new Backoff(DirectRetries.FIRST, DirectRetries.MOST, 0.2, random);
    }

    @Deactivate
    void stop() {
        threads.shutdownNow();
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Topics.DATA) instanceof PeerConnected connected && connected.peer().relayed()
                && self.compareTo(connected.peer().id()) < 0 && scheduled.add(connected.peer().id())) {
            timer.schedule(() -> attempt(connected.peer().id(), 0), FIRST);
        }
    }

    private void attempt(PeerId peer, int failed) {
        if (!transport.connection(peer).map(ConnectedPeer::relayed).orElse(false)) {
            scheduled.remove(peer); // gone or direct: a relayed connection later starts again
            return;
        }
        try {
            ConnectedPeer direct = punch(peer);
            scheduled.remove(peer);
            LOG.log(Level.INFO, "{0} is reached directly at {1} now: the routers between let both dials through",
                    peer.shortForm(), direct.address());
        } catch (IOException | InvalidInputException | TransportException e) {
            LOG.log(Level.INFO, "Could not reach {0} directly through the routers between: {1}", peer.shortForm(), e.getMessage());
            timer.schedule(() -> attempt(peer, failed + 1), backoff.delay(failed));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Leads a punch with {@code peer}: returns the direct connection, or throws why there is none. */
    ConnectedPeer punch(PeerId peer) throws IOException, InvalidInputException, TransportException, InterruptedException {
        List<PeerAddress> mine = candidates();
        if (mine.isEmpty()) {
            throw new TransportException("no peer has said where it reaches this node, so no router is known to dial through");
        }
        try (Stream stream = transport.awaitStream(peer, HolePunchWire.ID, ANSWER_WITHIN)) {
            DataOutputStream out = new DataOutputStream(stream.output());
            long asked = System.nanoTime();
            HolePunchWire.writeAddresses(out, mine);
            List<PeerAddress> theirs = HolePunchWire.readAddresses(new DataInputStream(stream.input()));
            Duration roundTrip = Duration.ofNanos(System.nanoTime() - asked);
            if (theirs.isEmpty()) {
                throw new TransportException("it knows no address where it can be dialed");
            }
            HolePunchWire.writeNow(out);
            Thread.sleep(roundTrip.dividedBy(2)); // "now" reaches the peer about when this wait ends
            return connected(transport.punch(peer, theirs, true));
        }
    }

    /** Follows a punch that {@code stream}'s peer leads. */
    @Override
    public void handle(Stream stream) throws IOException, InvalidInputException, TransportException, InterruptedException {
        DataInputStream in = new DataInputStream(stream.input());
        List<PeerAddress> theirs = HolePunchWire.readAddresses(in);
        HolePunchWire.writeAddresses(new DataOutputStream(stream.output()), candidates());
        HolePunchWire.readNow(in);
        ConnectedPeer direct = connected(transport.punch(stream.peer(), theirs, false));
        LOG.log(Level.INFO, "{0} is reached directly at {1} now: the routers between let both dials through",
                stream.peer().shortForm(), direct.address());
    }

    /**
     * Where the peer is to dial: where peers reach this node and its public addresses, then, if there are any, where it
     * listens (a peer on the same network, met through a relay, reaches it there); none when no one has seen it elsewhere.
     */
    private List<PeerAddress> candidates() throws TransportException {
        Set<PeerAddress> addresses = new LinkedHashSet<>();
        seen.seen().forEach(each -> addresses.add(each.at()));
        addresses.addAll(OwnAddresses.fromOtherNetworks(publicAddresses, Optional.ofNullable(portMapping), Optional.of(seen)));
        if (!addresses.isEmpty()) {
            transport.listenAddresses().stream().filter(address -> !OwnAddresses.onThisMachineOnly(address)).forEach(addresses::add);
        }
        return addresses.stream().limit(AddressCodec.MAX_ADDRESSES).toList();
    }

    private static ConnectedPeer connected(CompletionStage<ConnectedPeer> punch) throws TransportException, InterruptedException {
        try {
            return punch.toCompletableFuture().get(CONNECTED_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TransportException failure ? failure : new TransportException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TransportException("no connection after " + CONNECTED_WITHIN.toSeconds() + " s", e);
        }
    }
}
